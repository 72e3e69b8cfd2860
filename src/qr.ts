/**
 * QR codes as SVG, kept apart so the core stays small.
 *
 * @module partnerbook/qr
 */
import { renderSVG } from "uqr";

/**
 * R13, R18: renders text — an invite URL, or a QR-code token URL — as a QR code, an SVG string
 * ready to inline in a page or save as a file. Kept in its own entry point,
 * `partnerbook/qr`, so the core stays small.
 *
 * @example
 * import { qrCodeSvg } from "partnerbook/qr";
 * const svg = qrCodeSvg(link.url);
 */
export function qrCodeSvg(text: string, options: { border?: number | undefined } = {}): string {
  return renderSVG(text, { border: options.border ?? 2, ecc: "M" });
}
