import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptDocument,
  encryptDocument,
  sniffMediaType,
} from "../../platform/crypto/document-cipher.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe("documents", () => {
  it("recognises PDF, PNG and JPEG by their first bytes only", () => {
    expect(sniffMediaType(PDF)).toBe("application/pdf");
    expect(sniffMediaType(PNG)).toBe("image/png");
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffMediaType(Buffer.from("<html><script>alert(1)</script>"))).toBeUndefined();
    expect(sniffMediaType(Buffer.from("MZ\x90\x00"))).toBeUndefined();
  });

  it("encrypts with AES-256-GCM: round trip, no plaintext at rest, tampering and moving fail", () => {
    const key = randomBytes(32);
    const blob = encryptDocument(key, PDF, "doc-1");
    expect(blob.includes(Buffer.from("%PDF"))).toBe(false);
    expect(decryptDocument(key, blob, "doc-1").equals(PDF)).toBe(true);
    expect(() => decryptDocument(key, blob, "doc-2")).toThrow();
    const tampered = Buffer.from(blob);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(() => decryptDocument(key, tampered, "doc-1")).toThrow();
    expect(() => decryptDocument(randomBytes(32), blob, "doc-1")).toThrow();
  });
});
