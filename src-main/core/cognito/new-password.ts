/** NEW_PASSWORD_REQUIRED: the challenge responses for a new password and the user's attributes. */
import { AppError } from '../errors';
import { parseAttributes, parseStringList } from './challenge-parameters';
import { isWritableAttribute, stripAttributePrefix } from './step-views';

export function newPasswordResponses(
  params: Record<string, string>,
  newPassword: string,
  attributes: Record<string, string>,
): Record<string, string> {
  const required = parseStringList(params.requiredAttributes).map(stripAttributePrefix);
  const current = parseAttributes(params.userAttributes);
  const responses: Record<string, string> = { NEW_PASSWORD: newPassword };
  for (const name of required) {
    const value = attributes[name]?.trim();
    if (!value)
      throw new AppError({
        code: 'ATTRIBUTE_REQUIRED',
        message: `The pool needs a value for "${name}".`,
        field: `attributes.${name}`,
      });
    responses[`userAttributes.${name}`] = value;
  }
  // Optional attributes are sent only when changed: the pool may not let clients write the others.
  for (const [name, raw] of Object.entries(attributes)) {
    const value = raw.trim();
    if (
      required.includes(name) ||
      !isWritableAttribute(name) ||
      value === '' ||
      value === current[name]
    )
      continue;
    responses[`userAttributes.${name}`] = value;
  }
  return responses;
}
