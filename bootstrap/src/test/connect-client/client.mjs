// Calls Hush with the official Connect client for Node: the Connect protocol with JSON and with binary bodies on the
// HTTP port, and the gRPC protocol on the gRPC port. The service is described by the FileDescriptorSet the Java test
// writes from the server's own generated code (no code generation here). Prints one JSON object; the test checks it.
//   HUSH_URL, HUSH_GRPC_URL, HUSH_TOKEN, HUSH_ORG, HUSH_DESCRIPTORS
import { readFileSync } from "node:fs";
import { createFileRegistry, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(env("HUSH_DESCRIPTORS"))));
const service = registry.getService("hush.v1.SecretsService");
const errorInfo = registry.getMessage("google.rpc.ErrorInfo");
const auth = { headers: { authorization: `Bearer ${env("HUSH_TOKEN")}` } };
const org = env("HUSH_ORG");
const dev = { org, project: "web", environment: "dev" };

/** The call's answer, or its error as {code, reason}. */
async function outcome(call) {
  try {
    return { ok: await call() };
  } catch (e) {
    const err = ConnectError.from(e);
    const info = err.findDetails(errorInfo)[0];
    return { code: Code[err.code], reason: info ? info.reason : null, message: err.rawMessage };
  }
}

async function exercise(name, transport) {
  const client = createClient(service, transport);
  const key = `FROM_${name.toUpperCase()}`;
  const set = await outcome(() => client.setSecret({ env: dev, key, value: { case: "plain", value: `${name}-canary` }, tags: ["npm"] }, auth));
  const pull = await outcome(() => client.pullSecrets({ env: dev, keys: [key] }, auth));
  const keys = await outcome(() => client.listKeys({ env: dev, tags: ["npm"] }, auth));
  const anonymous = await outcome(() => client.listKeys({ env: dev }));
  const missing = await outcome(() => client.pullSecrets({ env: { ...dev, environment: "nope" } }, auth));
  const invalid = await outcome(() => client.setSecret({ env: dev, key: "bad key", value: { case: "plain", value: "v" } }, auth));
  // The server stream: from the first revision until this transport's own set shows up (then the watch is cancelled).
  const stop = new AbortController();
  const watched = await outcome(async () => {
    const timer = setTimeout(() => stop.abort(), 10000);
    try {
      for await (const e of client.watchEnvironment({ env: dev, sinceRevision: 0n }, { ...auth, signal: stop.signal })) {
        if (e.keys.includes(key)) {
          return `${e.type} ${e.keys.join(",")} revision>0:${e.revision > 0n}`;
        }
      }
      return "the stream ended without the change";
    } finally {
      clearTimeout(timer);
      stop.abort();
    }
  });
  return {
    set: set.ok ? { created: set.ok.created, version: Number(set.ok.secret.version) } : set,
    pulled: pull.ok ? pull.ok.secrets.map((s) => `${s.key}=${s.value}`) : pull,
    listed: keys.ok ? keys.ok.secrets.map((s) => `${s.key}:${s.hasValue}:${s.value === undefined ? "no value" : "VALUE"}`) : keys,
    anonymous,
    missing,
    invalid,
    watched,
  };
}

const out = {
  connectJson: await exercise("json", createConnectTransport({ baseUrl: env("HUSH_URL"), httpVersion: "1.1" })),
  connectBinary: await exercise("binary", createConnectTransport({ baseUrl: env("HUSH_URL"), httpVersion: "1.1", useBinaryFormat: true })),
  grpc: await exercise("grpc", createGrpcTransport({ baseUrl: env("HUSH_GRPC_URL") })),
};
// A deadline the server cannot meet: Connect-Timeout-Ms of 1 ms on a pull of the environment.
const timed = createClient(service, createConnectTransport({ baseUrl: env("HUSH_URL"), httpVersion: "1.1" }));
out.timeout = await outcome(() => timed.pullSecrets({ env: dev }, { ...auth, timeoutMs: 1 }));
process.stdout.write(JSON.stringify(out) + "\n");
