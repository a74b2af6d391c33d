import { AppError } from '../errors.js';

/** Length in characters (code points), as a person counts them. */
export function characterCount(value: string): number {
  return Array.from(value).length;
}

/** A required display name: 1–`max` characters, not only white space. */
export function checkName(field: string, value: string, max = 100): string {
  if (value.trim() === '') {
    throw AppError.badInput(field, 'must not be empty');
  }
  if (characterCount(value) > max) {
    throw AppError.badInput(field, `must be at most ${max} characters`);
  }
  return value;
}

/** An optional free text of at most `max` characters. */
export function checkText(field: string, value: string, max: number): string {
  if (characterCount(value) > max) {
    throw AppError.badInput(field, `must be at most ${max} characters`);
  }
  return value;
}

/** A whole number within `min`–`max`. */
export function checkIntRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw AppError.badInput(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}
