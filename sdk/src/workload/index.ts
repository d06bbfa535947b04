export { canonicalJson, canonicalBytes, documentHash, CanonicalJsonError } from './canonical.js';
export {
  validateDefinition, parameterProblem, fillPlaceholders, DefinitionError, DEFINITION_FORMAT,
  type Definition, type Parameter, type ParameterType, type WorkloadFile, type Process, type Limits, type Capacity,
} from './definition.js';
export {
  signDefinition, verifySignedDefinition, resolveParameters, instantiate, verifyDeployment, secretNames, checkSecrets, SignatureError, ParameterError, DEPLOYMENT_FORMAT,
  type SignedDefinition, type Deployment,
} from './signed.js';
export {
  commitSecrets, commitment, sealToNode, sealToOwner, openEnvelope, openOpenings, redact, envelopeKey, ownerEnvelopeKey, SealedSecretError, SEALED_FORMAT,
  type Envelope, type SealedValue, type SecretCommitment, type SecretOpening,
} from './sealed.js';
