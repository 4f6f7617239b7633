// Running the real kustomize for the shells (server and CLI): find it, build roots, fingerprint their inputs.
export { detectKustomize, type KustomizeTool, type ToolDetection } from './tool';
export { buildRoot, type BuildLimits, type BuildOutcome } from './build';
export { buildAll } from './pool';
export { fingerprintInputs } from './inputs';
