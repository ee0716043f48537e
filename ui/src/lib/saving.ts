// Saving from a form, the same way everywhere: one save at a time, busy meanwhile, then either
// the line that says it worked or the error.
import { toAppError } from "./api";
import type { AppError } from "./bindings";

/** What a form that saves shows: busy while it saves, the error, the saved line. */
export interface Saving {
  busy: boolean;
  error: AppError | null;
  notice: string;
}

/** Runs `action` (which returns the saved line) unless a save is already running; true when it
 * worked. */
export async function saveWith(state: Saving, action: () => Promise<string>): Promise<boolean> {
  if (state.busy) return false;
  state.busy = true;
  state.error = null;
  state.notice = "";
  try {
    state.notice = await action();
    return true;
  } catch (reason) {
    state.error = toAppError(reason);
    return false;
  } finally {
    state.busy = false;
  }
}

/** A form's submit handler that keeps the page where it is and runs `action`. */
export function onSubmit(action: () => Promise<unknown>): (event: SubmitEvent) => Promise<void> {
  return async (event) => {
    event.preventDefault();
    await action();
  };
}
