import keytar from 'keytar';

export const probe = keytar;
