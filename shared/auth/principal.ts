/** Who a verified access token speaks for. People and applications never share a kind. */
export type Principal =
  | {
      kind: 'user';
      /** The user's id (`sub`). */
      id: string;
      clientId: string;
      /** The sign-in session (refresh-token family) the token belongs to. */
      sessionId: string;
      scope: string;
      tokenId: string;
      expiresAt: number;
    }
  | {
      kind: 'application';
      /** The application's id (`sub`). */
      id: string;
      clientId: string;
      scope: string;
      tokenId: string;
      expiresAt: number;
    };
