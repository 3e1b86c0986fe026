/** Field-level access from `@access(scopes)` (issue 6, item 3); see README.md. */
export { accessPolicyFromSupergraph, SupergraphAccessPolicy, type AccessPolicy } from './access-policy';
export { planFieldAccess, type FieldAccessPlan, type FieldAccessRequest, type RemovedField } from './field-access-plan';
export { patchResponse, type PatchedResponse } from './response-patch';
export { accessAwareQueryHash, fieldAccessOutcomeOf, fieldAccessPlugin, type FieldAccessOutcome, type FieldAccessPluginOptions } from './field-access.plugin';
