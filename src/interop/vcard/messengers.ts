import { paramOf } from "./content-line.js";
import { unescapeText } from "./escape.js";
import type { Property } from "./property.js";
import type { VCardVersion } from "./types.js";

// SNS and messenger accounts come as RFC 9554 SOCIALPROFILE, Apple's X-SOCIALPROFILE (the
// account in X-USER, a profile URL as the value), IMPP URIs, and the one-property-per-service
// X- names Google and older exporters write.
const services: Readonly<Record<string, string>> = {
  "X-AIM": "AIM",
  "X-ICQ": "ICQ",
  "X-JABBER": "Jabber",
  "X-MSN": "MSN",
  "X-YAHOO": "Yahoo",
  "X-SKYPE": "Skype",
  "X-SKYPE-USERNAME": "Skype",
  "X-GTALK": "Google Talk",
  "X-GOOGLE-TALK": "Google Talk",
  "X-QQ": "QQ",
  "X-LINE": "LINE",
  "X-WECHAT": "WeChat",
};

/** A messenger account: the service (as a label) and the handle or URI. */
export interface Messenger {
  readonly label: string | null;
  readonly value: string;
}

/**
 * The account a property holds, or `null` when it is not a messenger property. `label` is the
 * label the property's group or parameters give it, if any.
 */
export function messengerOf(
  property: Property,
  version: VCardVersion,
  label: string | null,
): Messenger | null {
  const value = unescapeText(property.raw, version).trim();
  switch (property.name) {
    case "IMPP":
      return { label: label ?? /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1] ?? null, value };
    case "SOCIALPROFILE":
    case "X-SOCIALPROFILE":
      return {
        label,
        value: paramOf(property.params, "X-USER") ?? paramOf(property.params, "USERNAME") ?? value,
      };
    default: {
      const service = services[property.name];
      return service === undefined ? null : { label: label ?? service, value };
    }
  }
}
