/**
 * The voter's side of secret_ballot: encrypt a ballot with its proofs and compute its tracking
 * code, in the formats docs/ballot-secrecy.md gives ("Verifiable encrypted ballots: the
 * cryptographic core"), so that `python -m secret_ballot.verify` and `check_ballot` accept it.
 * Built on @noble/curves (edwards25519 points, the same 32-byte encodings as libsodium) and
 * @noble/hashes; randomness from crypto.getRandomValues. The motion page serves it, through an
 * import map, to the voter's browser.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';

const Point = ed25519.Point;
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;

const mod = (value) => ((value % L) + L) % L;
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (text) => Uint8Array.from(text.match(/../g), (pair) => parseInt(pair, 16));
const littleEndian = (bytes) => bytes.reduceRight((acc, b) => (acc << 8n) + BigInt(b), 0n);

/** A scalar as 32 bytes little-endian. */
export function scalarBytes(scalar) {
  const out = new Uint8Array(32);
  let rest = mod(scalar);
  for (let i = 0; i < 32; i += 1) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/** A uniformly random non-zero scalar: 64 random bytes reduced mod L (the bias is 2^-260). */
export function randomScalar() {
  for (;;) {
    const scalar = littleEndian(crypto.getRandomValues(new Uint8Array(64))) % L;
    if (scalar !== 0n) return scalar;
  }
}

/** point^scalar, the identity for a scalar that is 0 mod L (noble refuses it, as libsodium does). */
function mult(scalar, point) {
  const reduced = mod(scalar);
  return reduced === 0n ? Point.ZERO : point.multiply(reduced);
}

const baseMult = (scalar) => mult(scalar, Point.BASE);

/** The length-prefixed transcript: each item as 4 bytes big-endian length then its bytes. */
export function transcript(domain, parts) {
  const items = [domain, ...parts.flat(Infinity)].map((item) => {
    if (typeof item === 'string') return new TextEncoder().encode(item);
    if (typeof item === 'number' || typeof item === 'bigint') return new TextEncoder().encode(String(item));
    if (item instanceof Uint8Array) return item;
    return item.toBytes();
  });
  const out = new Uint8Array(items.reduce((n, item) => n + 4 + item.length, 0));
  let at = 0;
  for (const item of items) {
    new DataView(out.buffer).setUint32(at, item.length);
    out.set(item, at + 4);
    at += 4 + item.length;
  }
  return out;
}

export const hashToScalar = (domain, parts) => littleEndian(sha512(transcript(domain, parts))) % L;
export const hashHex = (domain, parts) => hex(sha256(transcript(domain, parts)));

/** The election's public key, refused unless a point of the prime-order group other than the identity. */
export function publicKeyFromHex(text) {
  const point = Point.fromBytes(unhex(text));
  if (point.is0() || !point.isTorsionFree() || hex(point.toBytes()) !== text) {
    throw new Error('the public key is not a point of the prime-order group');
  }
  return point;
}

function encrypt(message, publicKey, r) {
  return { alpha: baseMult(r), beta: baseMult(BigInt(message)).add(mult(r, publicKey)) };
}

function branchCommitments(ciphertext, value, publicKey, c, z) {
  return [
    baseMult(z).subtract(mult(c, ciphertext.alpha)),
    mult(z, publicKey).subtract(mult(c, ciphertext.beta.subtract(baseMult(BigInt(value))))),
  ];
}

/** The disjunctive proof that a ciphertext encrypts `message`, one of `allowed`. */
function proveOneOf(ciphertext, message, r, publicKey, allowed, context) {
  const nonce = randomScalar();
  const branches = [];
  const commitments = [];
  allowed.forEach((value) => {
    if (value === message) {
      branches.push(null);
      commitments.push(baseMult(nonce), mult(nonce, publicKey));
    } else {
      const branch = { c: randomScalar(), z: randomScalar() };
      branches.push(branch);
      commitments.push(...branchCommitments(ciphertext, value, publicKey, branch.c, branch.z));
    }
  });
  const challenge = hashToScalar('secret_ballot/disjunctive', [
    context, publicKey, ciphertext.alpha, ciphertext.beta, allowed, commitments,
  ]);
  const own = mod(branches.reduce((acc, b) => (b ? acc - b.c : acc), challenge));
  branches[allowed.indexOf(message)] = { c: own, z: mod(nonce + own * r) };
  return branches.map((b) => ({ c: hex(scalarBytes(b.c)), z: hex(scalarBytes(b.z)) }));
}

/**
 * Encrypt a voter's marks {question id: [0 or 1 per choice]} under the election's public key (hex).
 * Returns the ballot in record form and the randomness of each mark, to reveal if the voter
 * challenges the ballot (and then encrypts again).
 */
export function encryptBallot(manifest, publicKeyHex, voterId, selections) {
  const publicKey = publicKeyFromHex(publicKeyHex);
  const electionId = manifest.election_id;
  const randomness = {};
  const answers = manifest.questions.map((question) => {
    const marks = selections[question.id];
    const count = marks.reduce((a, b) => a + b, 0);
    if (marks.length !== question.choices.length || marks.some((m) => m !== 0 && m !== 1)) {
      throw new Error(`question ${question.id}: one 0/1 mark per choice`);
    }
    if (count < question.min || count > question.max) {
      throw new Error(`question ${question.id}: ${count} marks, not between min and max`);
    }
    const rs = marks.map(() => randomScalar());
    const ciphertexts = marks.map((m, i) => encrypt(m, publicKey, rs[i]));
    const encoded = ciphertexts.map((ct, i) => ({
      alpha: hex(ct.alpha.toBytes()),
      beta: hex(ct.beta.toBytes()),
      proof: proveOneOf(ct, marks[i], rs[i], publicKey, [0, 1], [electionId, question.id, voterId, 'mark', i]),
    }));
    const product = ciphertexts.reduce((acc, ct) => ({ alpha: acc.alpha.add(ct.alpha), beta: acc.beta.add(ct.beta) }));
    const allowed = Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i);
    const sumProof = proveOneOf(
      product, count, mod(rs.reduce((a, b) => a + b, 0n)), publicKey, allowed, [electionId, question.id, voterId, 'sum'],
    );
    randomness[question.id] = rs.map((r) => hex(scalarBytes(r)));
    return { question_id: question.id, marks: encoded, sum_proof: sumProof };
  });
  return { ballot: { voter_id: voterId, answers }, randomness };
}

/** The hex tracking code of a ballot in record form. */
export function trackingCode(electionId, ballot) {
  const parts = [electionId, ballot.voter_id];
  const proofBytes = (branches) => branches.flatMap((b) => [unhex(b.c), unhex(b.z)]);
  for (const answer of ballot.answers) {
    parts.push(answer.question_id);
    for (const mark of answer.marks) parts.push(unhex(mark.alpha), unhex(mark.beta), ...proofBytes(mark.proof));
    parts.push(...proofBytes(answer.sum_proof));
  }
  return hashHex('secret_ballot/tracking-code', parts);
}

/**
 * The marks a challenged ballot holds {question id: [0 or 1]}, read from the randomness revealed
 * for it: each mark must be the encryption of 0 or of 1 with its randomness, or this throws. As
 * `audit_ballot` in secret_ballot/ballot.py, which the voter may run on the downloaded ballot.
 */
export function auditBallot(manifest, publicKeyHex, ballot, randomness) {
  const publicKey = publicKeyFromHex(publicKeyHex);
  const selections = {};
  manifest.questions.forEach((question, q) => {
    selections[question.id] = ballot.answers[q].marks.map((mark, i) => {
      const r = littleEndian(unhex(randomness[question.id][i]));
      const found = [0, 1].filter((m) => {
        const ct = encrypt(m, publicKey, r);
        return hex(ct.alpha.toBytes()) === mark.alpha && hex(ct.beta.toBytes()) === mark.beta;
      });
      if (found.length !== 1) throw new Error(`question ${question.id}: mark ${i} is not an encryption of 0 or 1`);
      return found[0];
    });
  });
  return selections;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The first 80 bits of a hex tracking code in base 32, in four groups, as the board shows it. */
export function readable(code) {
  const bits = Array.from(unhex(code).slice(0, 10), (b) => b.toString(2).padStart(8, '0')).join('');
  const text = Array.from({ length: 16 }, (_, i) => BASE32[parseInt(bits.slice(i * 5, i * 5 + 5), 2)]).join('');
  return text.match(/..../g).join('-');
}
