import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for small secrets kept by the platform (a TOTP secret, the
 * OpenID sign-in state in a cookie). The box is nonce (12) || ciphertext ||
 * tag (16); `context` is authenticated with it, so that a box moved to
 * another row or purpose fails to open.
 */
export function seal(key: Buffer, plain: Uint8Array, context: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** The plain bytes, or undefined when the box was altered, or sealed for another context or key. */
export function open(key: Buffer, box: Uint8Array, context: string): Buffer | undefined {
  if (box.length < 12 + 16) return undefined;
  const data = Buffer.from(box);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** A 32-byte key for one purpose, derived (HKDF-SHA256) from a master secret. */
export function deriveKey(master: string | Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `relais/${purpose}`, 32));
}
