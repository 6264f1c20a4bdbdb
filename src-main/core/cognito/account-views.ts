/** What the self-service and account screens show; no token or secret is in here. */

/** Where Cognito sent a code, masked as Cognito masks it ("a***@e***"). */
export interface CodeDeliveryView {
  destination: string;
  medium: 'EMAIL' | 'SMS' | 'UNKNOWN';
  attribute?: string;
}

export interface SignUpView {
  /** true: the account is ready; false: a confirmation code is on its way. */
  confirmed: boolean;
  delivery?: CodeDeliveryView;
}

export interface UserSessionView {
  sessionId: string;
  clientId: string;
  /** "Linux, Chrome" as Cognito read it from the user agent, or "unknown". */
  device: string;
  ipAddress?: string;
  createdAt?: number;
  lastActiveAt?: number;
  isCurrent: boolean;
}

export interface AccountAttributeView {
  name: string;
  value: string;
  /** email and phone_number: whether the address is verified. */
  verified?: boolean;
}

export interface AccountView {
  username: string;
  attributes: AccountAttributeView[];
  /** GetUserAuthFactors' ConfiguredUserAuthFactors: PASSWORD, EMAIL_OTP, SMS_OTP, SOFTWARE_TOKEN, WEB_AUTHN. */
  signInMethods: string[];
  preferredMfa?: string;
}
