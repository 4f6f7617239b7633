// What a rule is: a small pure function from a typed view to findings. The engine (services/validation.ts), not
// the rule, turns paths into ranges, applies severities and settings, and caches.
import type { K8sObject } from '../model/object';
import type { Settings } from '../settings';
import type { NamespaceCandidate } from '../workspace/kustomize';
import type { WorkspaceQueries } from '../workspace/queries';
import type { NodePart, NodePath } from '../parser/types';
import type { Code, Severity } from './catalog';

export interface RelatedFinding {
  readonly path: NodePath;
  readonly part?: NodePart;
  readonly message: string;
  /** The object the path is in, when it is not the reported object (a grant, a Secret in another file). */
  readonly object?: K8sObject;
}

export interface Finding {
  readonly code: Code;
  readonly message: string;
  /** Where in the object's document: the engine maps it to the smallest matching node. */
  readonly path: NodePath;
  /** Defaults to `value`; `key` underlines the field name (for a field that must not be there). */
  readonly part?: NodePart;
  /** Only when the code's default depends on the case (listener-tls-missing: error for TLS, warning for HTTPS). */
  readonly severity?: Severity;
  /** Other places that explain this finding (in this document unless they name another object). */
  readonly related?: readonly RelatedFinding[];
  /** Machine-readable facts for quick fixes; never shown to the user. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * A rule about one object alone. Its findings depend only on the object's own document, so the engine caches them
 * with the parsed document and never recomputes them for an unchanged document.
 */
export interface ObjectRule<View> {
  readonly code: Code;
  readonly check: (view: View, object: K8sObject) => readonly Finding[];
}

/** What a cross-file rule may ask about the rest of the workspace. */
export interface WorkspaceContext {
  readonly queries: WorkspaceQueries;
  readonly namespacesOf: (object: K8sObject) => readonly NamespaceCandidate[];
  readonly settings: Settings;
}

/** A rule that looks across files (references, grants). Recomputed on every validation, so keep it to lookups. */
export interface WorkspaceRule<View> {
  readonly code: Code;
  readonly check: (view: View, object: K8sObject, context: WorkspaceContext) => readonly Finding[];
}

/** A family of rules that share a typed view (e.g. every listener rule reads a GatewayView). */
export interface RuleFamily<View> {
  readonly name: string;
  /** Builds the view, or returns undefined when the object is not of the family's kinds. */
  readonly view: (object: K8sObject) => View | undefined;
  readonly rules?: readonly ObjectRule<View>[];
  readonly workspaceRules?: readonly WorkspaceRule<View>[];
  /**
   * The workspace rules read only settings from their context, never another document (a Secret's own certificate
   * against the expiry window): their findings are provable while the workspace index is still incomplete.
   */
  readonly documentLocal?: boolean;
}
