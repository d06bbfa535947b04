import { expect } from 'chai';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, blake2AsHex } from '@polkadot/util-crypto';
import { workload } from '@tfit/sdk';

const { canonicalJson, documentHash, validateDefinition, signDefinition, verifySignedDefinition, instantiate, verifyDeployment } = workload;

export function helloDefinition(overrides: Record<string, unknown> = {}): workload.Definition {
  return {
    format: 'tfit.workload/v1',
    name: 'hello-http',
    version: '1.0.0',
    expert: { twinId: 3 },
    files: [{ name: 'server.js', size: 5, blake2_256: blake2AsHex('hello') }],
    processes: [{ name: 'web', command: 'node', args: ['server.js', '--port', '{{port}}'], env: { GREETING: '{{greeting}}' }, limits: { memoryMb: 64 } }],
    capacity: { cru: 1, mru: 256 * 1024 ** 2, sru: 100 * 1024 ** 2, hru: 0, publicIps: 0 },
    parameters: { port: { type: 'integer', default: 8080, min: 1024, max: 65535 }, greeting: { type: 'string', default: 'hello', pattern: '[a-z ]{1,20}' } },
    ...overrides,
  } as workload.Definition;
}

describe('workload definitions: canonical form, validation, signatures, deployments', () => {
  let keyring: Keyring;
  before(async () => {
    await cryptoWaitReady();
    keyring = new Keyring({ type: 'sr25519' });
  });

  it('canonical JSON does not depend on key order, whitespace or Unicode normalization', () => {
    const a = { b: 1, a: ['x', { d: true, c: null }], s: 'caf\u00e9' };
    const b = JSON.parse(' { "s" : "cafe\u0301", "a": ["x", {"c": null, "d": true}], "b": 1 } ');
    expect(canonicalJson(a)).to.equal('{"a":["x",{"c":null,"d":true}],"b":1,"s":"café"}');
    expect(documentHash(a)).to.equal(documentHash(b));
    expect(() => canonicalJson({ x: 1.5 })).to.throw(/\$\.x: only safe integers/);
  });

  it('validates a definition and explains every problem by its path', () => {
    expect(validateDefinition(helloDefinition()).name).to.equal('hello-http');
    let err: workload.DefinitionError | undefined;
    try {
      validateDefinition(helloDefinition({
        name: 'Bad Name', extra: 1,
        files: [{ name: '../etc/passwd', size: -1, blake2_256: 'abc' }],
        processes: [{ name: 'web', command: '', args: ['{{nope}}'], env: { lower: 'x' }, limits: { memoryMb: 1 } }],
      }));
    } catch (e) { err = e as workload.DefinitionError; }
    expect(err).to.be.instanceOf(workload.DefinitionError);
    expect(err!.problems).to.include.members([
      'definition.extra: unknown field',
      'definition.files[0].name: must not contain ".."',
      'definition.files[0].size: expected an integer in [0, 1073741824]',
      'definition.processes[0].command: expected a non-empty string',
      'definition.processes[0].args[0]: unknown parameter {{nope}}',
      'definition.processes[0].env.lower: environment names are UPPER_SNAKE_CASE',
      'definition.processes[0].limits.memoryMb: expected an integer in [16, 1048576]',
    ]);
    expect(err!.problems.some((p) => p.startsWith('definition.name:'))).to.equal(true);
  });

  it('tags and solutionProviderId are optional and checked; without them a definition hashes as it always has', () => {
    expect(documentHash(helloDefinition())).to.equal('0x7eebb6048027aae1f6287f94744944dae92a6f709d53495bd27d46195a8212e4');
    expect(documentHash(helloDefinition({ tags: undefined, solutionProviderId: undefined }))).to.equal(documentHash(helloDefinition()));
    expect(validateDefinition(helloDefinition({ tags: ['web', 'http-2'], solutionProviderId: 1 })).tags).to.deep.equal(['web', 'http-2']);
    expect(() => validateDefinition(helloDefinition({ tags: ['Web', 'ok', 'ok', 'x'.repeat(33)], solutionProviderId: 0 }))).to.throw(workload.DefinitionError)
      .with.property('problems').that.deep.equals([
        'definition.tags[0]: expected lowercase letters, digits or "-" (at most 32)',
        'definition.tags[2]: duplicate tag',
        'definition.tags[3]: expected lowercase letters, digits or "-" (at most 32)',
        'definition.solutionProviderId: expected an integer in [1, 9007199254740991]',
      ]);
    expect(() => validateDefinition(helloDefinition({ tags: Array.from({ length: 17 }, (_, i) => `t${i}`) }))).to.throw(/definition\.tags: expected an array of at most 16 tags/);
  });

  for (const type of ['sr25519', 'ed25519'] as const)
    it(`signs and verifies with ${type}; any change breaks the signature`, () => {
      const expert = new Keyring({ type }).addFromUri('//Expert');
      const signed = signDefinition(helloDefinition(), expert);
      expect(verifySignedDefinition(signed)).to.equal(documentHash(helloDefinition()));
      const tampered = structuredClone(signed);
      tampered.definition.processes[0].command = 'sh';
      expect(() => verifySignedDefinition(tampered)).to.throw(workload.SignatureError);
      const unsigned = { ...signed, signature: { ...signed.signature, value: `0x${'00'.repeat(64)}` } };
      expect(() => verifySignedDefinition(unsigned)).to.throw(workload.SignatureError);
    });

  it('secrets: strings without a default, in env only; the deployment commits to them and keeps their placeholders for the node', () => {
    const env = { GREETING: '{{greeting}}', TOKEN: '{{token}}' };
    const base = helloDefinition({ processes: [{ ...helloDefinition().processes[0], env }], parameters: { ...helloDefinition().parameters, token: { type: 'string', secret: true } } });
    expect(() => validateDefinition(base)).not.to.throw();
    const bad = (parameters: Record<string, unknown>, args?: string[]) => () => validateDefinition({ ...base, parameters: { ...base.parameters, ...parameters }, ...(args ? { processes: [{ ...base.processes[0], args }] } : {}) });
    expect(bad({ token: { type: 'integer', secret: true } })).to.throw(/definition.parameters.token.type: a secret is a string/);
    expect(bad({ token: { type: 'string', secret: true, default: 'x' } })).to.throw(/definition.parameters.token.default: a secret has no default/);
    expect(bad({ greeting: { type: 'string', required: false } })).to.throw(/definition.parameters.greeting.required: true or false, on secrets only/);
    expect(bad({}, ['server.js', '{{token}}'])).to.throw(/args\[1\]: secret \{\{token\}\} in an argument/);
    const signed = signDefinition(base, keyring.addFromUri('//Alice'));
    expect(() => instantiate(signed, {})).to.throw(workload.ParameterError, /token: a required secret/);
    expect(() => instantiate(signed, { token: 'abc' })).to.throw(workload.ParameterError, /token: a secret, given sealed, never as a parameter/);
    expect(() => workload.checkSecrets(base, {})).to.throw(workload.ParameterError, /token: a required secret/);
    const { commitments, openings } = workload.commitSecrets(workload.checkSecrets(base, { token: 's3cret' }));
    const { deployment, hash } = instantiate(signed, {}, commitments);
    expect(JSON.stringify(deployment)).not.to.include('s3cret');
    expect(deployment.processes[0].env).to.deep.equal({ GREETING: 'hello', TOKEN: '{{token}}' });
    expect(() => verifyDeployment(deployment, hash)).not.to.throw();
    expect(commitments.token.commitment).to.equal(workload.commitment(openings.token));
    // without secrets, deployments hash as before: no `secrets` field
    expect(instantiate(signDefinition(helloDefinition(), keyring.addFromUri('//Alice'))).deployment).not.to.have.property('secrets');
  });

  it('instantiates with parameters (defaults filled, values checked) into a hashed deployment', () => {
    const signed = signDefinition(helloDefinition(), keyring.addFromUri('//Expert'));
    const a = instantiate(signed, { port: 9000 });
    expect(a.deployment.processes[0].args).to.deep.equal(['server.js', '--port', '9000']);
    expect(a.deployment.processes[0].env.GREETING).to.equal('hello');
    expect(instantiate(signed, { port: 9000 }).hash).to.equal(a.hash);
    expect(instantiate(signed, { port: 9001 }).hash).to.not.equal(a.hash);
    expect(() => instantiate(signed, { port: 80, greeting: 'HELLO!', color: 'red' })).to.throw(workload.ParameterError)
      .with.property('problems').that.includes.members(['port: at least 1024', 'greeting: must match [a-z ]{1,20}', 'color: not a parameter of hello-http']);
    verifyDeployment(a.deployment, a.hash);
    const edited = structuredClone(a.deployment);
    edited.processes[0].args.push('--evil');
    expect(() => verifyDeployment(edited, a.hash)).to.throw(/hash/);
    expect(() => verifyDeployment(edited, documentHash(edited))).to.throw(/does not follow/);
  });
});
