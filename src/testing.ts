export { type ConformanceOptions, runAdapterConformance } from "./testing/conformance.js";
