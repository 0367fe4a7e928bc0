// An independent Crate client: Node's WebCrypto (crypto.subtle) and fetch, no Hush code.
// Usage: node webcrypto-crate.mjs BASE_URL ORG_ID   (the API token comes from the HUSH_TOKEN environment variable)
// Seals a value with the organization's public key, stores it, lists it by env and tag, retrieves it
// with a temporary RSA key and opens the bundle. Prints one JSON object with what it saw.
const [base, orgId] = process.argv.slice(2);
const token = process.env.HUSH_TOKEN;
const subtle = globalThis.crypto.subtle;
const api = `${base}/organization/${orgId}/secrets`;
const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

const b64 = (buf) => Buffer.from(buf).toString('base64');
const unb64 = (s) => new Uint8Array(Buffer.from(s, 'base64'));
const pemToDer = (pem) => unb64(pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, ''));
const derToPem = (der) => `-----BEGIN PUBLIC KEY-----\n${b64(der).match(/.{1,64}/g).join('\n')}\n-----END PUBLIC KEY-----\n`;

async function call(method, path, body) {
  const res = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const value = process.env.SECRET_VALUE;
const out = {};

const pk = await call('GET', '/public-key');
out.publicKeyStatus = pk.status;
const orgKey = await subtle.importKey('spki', pemToDer(pk.body.public_key_pem), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
const sealed = await subtle.encrypt({ name: 'RSA-OAEP' }, orgKey, new TextEncoder().encode(value));

const put = await call('PUT', '', { name: 'DATABASE_URL', environment: 'dev', encrypted_value: b64(sealed), sealed: true, tags: ['backend', 'db'] });
out.put = put;
out.plaintextPut = await call('PUT', '', { name: 'PLAIN', environment: 'dev', value: 'refused', sealed: false });
out.list = await call('GET', '?env=dev&tags=backend');

const client = await subtle.generateKey(
  { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt', 'decrypt']);
const clientPem = derToPem(new Uint8Array(await subtle.exportKey('spki', client.publicKey)));
const got = await call('POST', '/retrieve', { environment: 'dev', names: ['DATABASE_URL'], tags: ['backend'], public_key_pem: clientPem });
out.retrieveStatus = got.status;
out.retrieveFields = Object.keys(got.body).sort();
const rawKey = await subtle.decrypt({ name: 'RSA-OAEP' }, client.privateKey, unb64(got.body.encrypted_key));
const aes = await subtle.importKey('raw', rawKey, { name: 'AES-GCM' }, false, ['decrypt']);
const blob = unb64(got.body.encrypted_secrets);
const plain = await subtle.decrypt({ name: 'AES-GCM', iv: blob.slice(0, 12) }, aes, blob.slice(12));
out.bundle = JSON.parse(new TextDecoder().decode(plain));
console.log(JSON.stringify(out));
