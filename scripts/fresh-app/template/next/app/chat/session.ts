/** Stands in for the app's own sign-in (the README's page imports it): the user from a cookie. */
import { cookies } from 'next/headers';

export async function currentUserId(): Promise<string> {
  return (await cookies()).get('user')?.value ?? 'alice';
}
