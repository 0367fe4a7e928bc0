-- X25519 sealed writes (issue 14): each version of an organization's sealing key pair gets an X25519
-- pair beside its RSA one, published and rotated with it. The raw 32-byte public key, and the private
-- key wrapped by the organization's key-encryption key (AES-256-GCM, bound to org and version). Pairs
-- made before this migration get theirs on first use; both columns are set together or not at all.
ALTER TABLE org_key_pairs ADD COLUMN x25519_public BYTEA;
ALTER TABLE org_key_pairs ADD COLUMN x25519_private_wrapped BYTEA;
ALTER TABLE org_key_pairs ADD CONSTRAINT org_key_pairs_x25519_together
    CHECK ((x25519_public IS NULL) = (x25519_private_wrapped IS NULL));
