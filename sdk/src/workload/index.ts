export { canonicalJson, canonicalBytes, documentHash, CanonicalJsonError } from './canonical.js';
export {
  validateDefinition, parameterProblem, fillPlaceholders, DefinitionError, DEFINITION_FORMAT,
  type Definition, type Parameter, type ParameterType, type WorkloadFile, type Process, type Limits, type Capacity,
} from './definition.js';
export {
  signDefinition, verifySignedDefinition, resolveParameters, instantiate, verifyDeployment, SignatureError, ParameterError, DEPLOYMENT_FORMAT,
  type SignedDefinition, type Deployment,
} from './signed.js';
