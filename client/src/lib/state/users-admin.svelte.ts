// The Users & tokens panel's state: users with their tokens, creating a personal token (its secret kept once), revoking.
import {
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
  SetPasswordDocument,
  UsersDocument,
  type UserRow,
} from '../graphql/auth-types';
import { describeError, request } from '../graphql/client';
import { expiryDays, passwordProblem, tokenFormProblem } from './users-transitions';

export class UsersAdmin {
  users = $state.raw<UserRow[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The secret of the token just created: shown once, forgotten when dismissed or the panel closes. */
  secret = $state<{ name: string; token: string } | null>(null);
  tokenError = $state<string | null>(null);
  creating = $state(false);
  revoking = $state<string | null>(null);
  passwordMessage = $state<{ ok: boolean; text: string } | null>(null);
  savingPassword = $state(false);

  load = async (): Promise<void> => {
    this.loading = true;
    this.error = null;
    try {
      this.users = (await request(UsersDocument, {})).users;
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.loading = false;
    }
  };

  /** Creates a token for the signed-in user; true when it was created (the form then clears). */
  createToken = async (name: string, expiresInDays: string): Promise<boolean> => {
    const problem = tokenFormProblem(name, expiresInDays);
    this.tokenError = problem;
    if (problem !== null) return false;
    this.creating = true;
    try {
      const { createApiToken } = await request(CreateApiTokenDocument, {
        name: name.trim(),
        expiresInDays: expiryDays(expiresInDays),
      });
      this.secret = { name: createApiToken.apiToken.name, token: createApiToken.token };
      await this.load();
      return true;
    } catch (error) {
      this.tokenError = describeError(error);
      return false;
    } finally {
      this.creating = false;
    }
  };

  dismissSecret = (): void => {
    this.secret = null;
  };

  revoke = async (id: string): Promise<void> => {
    this.revoking = id;
    this.error = null;
    try {
      await request(RevokeApiTokenDocument, { id });
      await this.load();
    } catch (error) {
      this.error = describeError(error);
    } finally {
      this.revoking = null;
    }
  };

  /** Sets the signed-in user's password; true when the server accepted it. */
  setPassword = async (current: string, password: string, repeat: string): Promise<boolean> => {
    const problem = passwordProblem(password, repeat);
    if (problem !== null) {
      this.passwordMessage = { ok: false, text: problem };
      return false;
    }
    this.savingPassword = true;
    this.passwordMessage = null;
    try {
      const { setPassword } = await request(SetPasswordDocument, { current: current === '' ? null : current, password });
      this.passwordMessage = setPassword
        ? { ok: true, text: 'Password changed.' }
        : { ok: false, text: 'The current password is not right.' };
      return setPassword;
    } catch (error) {
      this.passwordMessage = { ok: false, text: describeError(error) };
      return false;
    } finally {
      this.savingPassword = false;
    }
  };
}
