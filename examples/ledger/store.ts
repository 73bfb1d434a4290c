/** A ledger organization, as the mock keeps it. */
export interface Organization {
  id: string;
  legalName: string;
  createdAt: string;
}

/** An account of one ledger of one organization. */
export interface Account {
  id: string;
  organizationId: string;
  ledgerId: string;
  name: string;
  assetCode: string;
  createdAt: string;
}

/** In-memory data of the mock ledger: one per app instance, gone when the isolate is. */
export class LedgerStore {
  private readonly organizations = new Map<string, Organization>();
  private readonly accounts = new Map<string, Account[]>();

  listOrganizations(): Organization[] {
    return [...this.organizations.values()];
  }

  organization(id: string): Organization | undefined {
    return this.organizations.get(id);
  }

  addOrganization(legalName: string): Organization {
    const organization = { id: crypto.randomUUID(), legalName, createdAt: timestamp() };
    this.organizations.set(organization.id, organization);
    return organization;
  }

  removeOrganization(id: string): boolean {
    return this.organizations.delete(id);
  }

  listAccounts(organizationId: string, ledgerId: string): Account[] {
    return this.accounts.get(ledgerKey(organizationId, ledgerId)) ?? [];
  }

  addAccount(input: Omit<Account, 'id' | 'createdAt'>): Account {
    const account = { ...input, id: crypto.randomUUID(), createdAt: timestamp() };
    const key = ledgerKey(input.organizationId, input.ledgerId);
    this.accounts.set(key, [...(this.accounts.get(key) ?? []), account]);
    return account;
  }
}

const ledgerKey = (organizationId: string, ledgerId: string) => `${organizationId}/${ledgerId}`;

const timestamp = () => new Date().toISOString();
