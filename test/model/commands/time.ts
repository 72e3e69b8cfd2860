import fc from "fast-check";
import { day, hour, minute } from "../model.js";
import { always, Step } from "./picks.js";

// Commands that move the clock: any span, or right up to the next deadline (R20, R32, R33).

// Time passes: minutes, hours, days, weeks, months.
export const advanceClock = fc
  .oneof(
    fc.integer({ min: 1, max: 59 }).map((n) => n * minute),
    fc.integer({ min: 1, max: 23 }).map((n) => n * hour),
    fc.integer({ min: 1, max: 13 }).map((n) => n * day),
    fc.integer({ min: 1, max: 3 }).map((n) => n * 30 * day),
  )
  .map(
    (ms) =>
      new Step(`clock.advance(${ms / minute} min)`, always, async (model, { clock }) => {
        clock.advance(ms);
        model.now += ms;
      }),
  );

// R32, R33, R20: time moves to just before, exactly at, or just after the next deadline.
export const toNextDeadline = fc.constantFrom(-1, 0, 1).map(
  (offset) =>
    new Step(
      `clock.toNextDeadline(${offset} ms)`,
      (model) => model.nextDeadline() !== null,
      async (model, { clock }) => {
        const deadline = model.nextDeadline();
        if (deadline === null) return;
        model.now = Math.max(model.now, deadline + offset);
        clock.set(new Date(model.now));
      },
    ),
);
