// A CA and a server certificate for 127.0.0.1/localhost, made at each start so no key is ever
// checked in. Keys come from node:crypto (native and fast); node-forge only builds and signs.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

export type TestCerts = { caPem: string; certPem: string; keyPem: string };

type Extension = Record<string, unknown>;

function rsaKey(): { keyPem: string; pub: forge.pki.PublicKey; priv: forge.pki.rsa.PrivateKey } {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyPem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const pubPem = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
  return {
    keyPem,
    pub: forge.pki.publicKeyFromPem(pubPem),
    priv: forge.pki.privateKeyFromPem(keyPem),
  };
}

function signed(
  subject: string,
  pub: forge.pki.PublicKey,
  issuer: { name: string; priv: forge.pki.rsa.PrivateKey },
  extensions: Extension[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = pub;
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 3_600_000);
  cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
  cert.setSubject([{ name: "commonName", value: subject }]);
  cert.setIssuer([{ name: "commonName", value: issuer.name }]);
  cert.setExtensions(extensions);
  cert.sign(issuer.priv, forge.md.sha256.create());
  return cert;
}

/** `caName` differs per server, so a test can show that one server's CA does not vouch for another. */
export function makeTestCerts(caName = "ferry-git-server-ca"): TestCerts {
  const ca = rsaKey();
  const caCert = signed(caName, ca.pub, { name: caName, priv: ca.priv }, [
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
  ]);
  const server = rsaKey();
  const cert = signed("ferry-git-server", server.pub, { name: caName, priv: ca.priv }, [
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 2, value: "localhost" },
        { type: 7, ip: "127.0.0.1" },
      ],
    },
  ]);
  return {
    caPem: forge.pki.certificateToPem(caCert),
    certPem: forge.pki.certificateToPem(cert),
    keyPem: server.keyPem,
  };
}
