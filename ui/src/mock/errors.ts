// The mock backend's failures, shaped exactly as the Rust side sends an AppError.
import type { AppError } from "../lib/bindings";

export const reject = (
  code: AppError["code"],
  message: string,
  detail: AppError["detail"] = null,
): Promise<never> => Promise.reject({ code, message, detail } satisfies AppError);
