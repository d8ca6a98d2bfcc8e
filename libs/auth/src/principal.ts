import type { Role } from './roles';

/** Who is calling: taken from a verified desk token, never from the request body. */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  center: string;
}
