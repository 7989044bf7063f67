// A throwaway CA and a server certificate for 127.0.0.1/localhost, made at start. Keys come from
// node:crypto (native, ~50 ms) and are signed with node-forge, which has no fast RSA keygen.
import { generateKeyPair, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import forge from "node-forge";

export type SimCerts = { caPem: string; certPem: string; keyPem: string };

const generate = promisify(generateKeyPair);

/** Generated off the main thread (libuv pool), so it overlaps the rest of the start. */
async function keyPair() {
  const { privateKey, publicKey } = await generate("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return {
    keyPem: privateKey,
    priv: forge.pki.privateKeyFromPem(privateKey),
    pub: forge.pki.publicKeyFromPem(publicKey),
  };
}

function baseCert(pub: forge.pki.PublicKey, cn: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + 365 * 24 * 60 * 60 * 1000);
  cert.setSubject([{ name: "commonName", value: cn }]);
  return cert;
}

/**
 * One key pair serves the CA and the server certificate: a throwaway test CA gains nothing from a
 * second key, and RSA key generation dominates the start time.
 */
export async function makeCerts(): Promise<SimCerts> {
  const ca = await keyPair();
  const caCert = baseCert(ca.pub, "kube-sim-ca");
  caCert.setIssuer(caCert.subject.attributes);
  caCert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  caCert.sign(ca.priv, forge.md.sha256.create());

  const server = ca;
  const cert = baseCert(server.pub, "kube-apiserver");
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 2, value: "localhost" },
        { type: 2, value: "kubernetes.default.svc" },
        { type: 7, ip: "127.0.0.1" },
      ],
    },
  ]);
  cert.sign(ca.priv, forge.md.sha256.create());
  return {
    caPem: forge.pki.certificateToPem(caCert),
    certPem: forge.pki.certificateToPem(cert),
    keyPem: server.keyPem,
  };
}
