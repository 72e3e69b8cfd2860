import { carriersOf, type LabelledKind, labelOfTypes } from "../vcard/labels.js";

// A label is free text in partnerbook; JSContact says "work", "home", "mobile", "fax" with
// `contexts` and (on a phone) `features`, and anything else with `label`. The words are the
// vCard codec's (携帯 → mobile, 自宅 → home…), so both formats agree on what a label means.

/** vCard TYPE values and the JSContact context or phone feature each stands for. */
const contextOfType: Readonly<Record<string, string>> = { home: "private", work: "work" };
const featureOfType: Readonly<Record<string, string>> = { cell: "mobile", fax: "fax", pager: "pager" };
const typeOfContext: Readonly<Record<string, string>> = { private: "home", work: "work" };
const typeOfFeature: Readonly<Record<string, string>> = { mobile: "cell", fax: "fax", pager: "pager" };

/** The JSContact `contexts`, `features` and `label` of a partnerbook label. */
export interface LabelProperties {
  contexts?: Record<string, true>;
  features?: Record<string, true>;
  label?: string;
}

const keysOf = (map: Readonly<Record<string, unknown>> | undefined) =>
  map === undefined ? [] : Object.keys(map).filter((key) => map[key] === true);

/** The label `contexts` and `features` alone stand for, or `null`. */
export function labelOfContexts(
  contexts: Readonly<Record<string, unknown>> | undefined,
  features: Readonly<Record<string, unknown>> | undefined,
): string | null {
  const types = [
    ...keysOf(contexts).map((context) => typeOfContext[context] ?? context),
    ...keysOf(features).map((feature) => typeOfFeature[feature] ?? feature),
  ];
  return labelOfTypes(types);
}

/** How a label is written; `label` only when contexts and features do not say it exactly. */
export function labelProperties(label: string | null, kind: LabelledKind): LabelProperties {
  if (label === null) return {};
  const out: LabelProperties = {};
  for (const type of carriersOf(label, kind).types) {
    const context = contextOfType[type];
    const feature = featureOfType[type];
    if (context !== undefined) out.contexts = { ...out.contexts, [context]: true };
    else if (feature !== undefined) out.features = { ...out.features, [feature]: true };
  }
  if (labelOfContexts(out.contexts, out.features) !== label) out.label = label;
  return out;
}
