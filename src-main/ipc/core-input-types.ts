/**
 * Compile-time checks that what a handler hands to core carries every field
 * the contract's schema parses. A handler passes the parsed object on whole,
 * so a field added to a schema but missing from core's input type would
 * otherwise be dropped without a word; here it fails `npm run typecheck`.
 * Types only: nothing of this file exists at run time.
 */
import type { CognitoService } from '../core/cognito/service';
import type { VaultService } from '../core/vault';
import type { ParsedRequestOf } from './contract';

/** True only when A and B are the same type (not merely assignable either way). */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

/** The field names of each member of a union, tagged with each `kind` it answers to. */
type FieldsOf<T> = T extends { kind: infer K }
  ? K extends unknown
    ? [K, keyof T]
    : never
  : [never, keyof T];

/**
 * The parsed request fits core's input and has exactly its fields, variant by
 * variant. Core may be wider (an optional field the schema defaults), never narrower.
 */
type Carries<Parsed, Core> = [Parsed] extends [Core]
  ? Equal<FieldsOf<Parsed>, FieldsOf<Core>>
  : false;

type Enrollment = CognitoService['enrollment'];

export type CoreInputsMatchTheContract = [
  Expect<Carries<ParsedRequestOf<'vault:addManual'>, Parameters<VaultService['addManual']>[0]>>,
  Expect<Carries<ParsedRequestOf<'profiles:add'>, Parameters<CognitoService['addProfile']>[0]>>,
  Expect<
    Carries<
      ParsedRequestOf<'profiles:update'>['profile'],
      Parameters<CognitoService['updateProfile']>[1]
    >
  >,
  Expect<
    Carries<ParsedRequestOf<'auth:respond'>['answer'], Parameters<CognitoService['respond']>[1]>
  >,
  Expect<
    Carries<
      Omit<ParsedRequestOf<'enroll:verify'>, 'enrollmentId'>,
      Parameters<Enrollment['verify']>[1]
    >
  >,
  Expect<Carries<Omit<ParsedRequestOf<'mfa:set'>, 'profileId'>, Parameters<Enrollment['set']>[1]>>,
];
