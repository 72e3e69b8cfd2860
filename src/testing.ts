/**
 * The conformance suite a store adapter runs under vitest to prove it keeps the port's contract.
 *
 * @module partnerbook/testing
 */
export { type ConformanceOptions, runAdapterConformance } from "./testing/conformance.js";
