import { describe, expect, it } from 'vitest';
import { amzDate, EMPTY_SHA256, sha256Hex, signingKey, signRequest, uriEncode } from './sigv4.js';

describe('SigV4', () => {
  it('derives the signing key of AWS’s published example', () => {
    // docs.aws.amazon.com "Examples of how to derive a signing key for Signature Version 4"
    const key = signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam');
    expect(key.toString('hex')).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });

  it('signs the S3 GET Object example of the S3 API reference', () => {
    // "Signature Calculations for the Authorization Header" — example GET Object with Range
    const headers = signRequest(
      { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 's3' },
      {
        method: 'GET',
        host: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        headers: { Range: 'bytes=0-9' },
        payloadHash: EMPTY_SHA256,
        now: new Date('2013-05-24T00:00:00Z'),
      },
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });

  it('encodes keys the way S3 expects', () => {
    expect(uriEncode("a b/报告(1)*!'.pdf", true)).toBe('a%20b/%E6%8A%A5%E5%91%8A%281%29%2A%21%27.pdf');
    expect(uriEncode('a/b')).toBe('a%2Fb');
    expect(amzDate(new Date('2026-03-15T02:03:04.567Z'))).toBe('20260315T020304Z');
    expect(sha256Hex('')).toBe(EMPTY_SHA256);
  });
});
