// Settings: the team's people (with the other names sources use for them) and the team
// database. Each action returns the state as the backend has it afterwards.
import { ApiError, listPeople, removePerson, savePerson, sendWaiting, setTeamDb, teamStatus, toAppError } from "./api";
import type { AppError, PersonEntry, TeamStatus } from "./bindings";
import { t } from "./i18n.svelte";
import { saveWith } from "./saving";

/** "ana.lopez, Ana L." -> ["ana.lopez", "Ana L."] */
export function parseAliases(text: string): string[] {
  return text
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
}

export class SettingsState {
  people = $state<PersonEntry[]>([]);
  team = $state<TeamStatus | null>(null);
  checkingTeam = $state(false);
  busy = $state(false);
  error = $state<AppError | null>(null);
  notice = $state("");
  newName = $state("");
  newAliases = $state("");
  teamUrl = $state("");

  async load(): Promise<void> {
    this.error = null;
    try {
      this.people = await listPeople();
    } catch (reason) {
      this.error = toAppError(reason);
    }
    await this.checkTeam();
  }

  /** Asks the backend where the team database stands (it tries to reach it). */
  async checkTeam(): Promise<void> {
    this.checkingTeam = true;
    try {
      this.team = await teamStatus();
      if (this.team.set_by !== "start") this.teamUrl = this.team.url ?? "";
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.checkingTeam = false;
    }
  }

  #run(action: () => Promise<void>, notice: string): Promise<boolean> {
    return saveWith(this, async () => {
      await action();
      return notice;
    });
  }

  async addPerson(): Promise<boolean> {
    const name = this.newName.trim();
    if (name === "") {
      this.error = { code: "invalid_input", message: t("ui-need-name"), detail: null };
      return false;
    }
    const added = await this.#run(async () => {
      this.people = await savePerson({ name, aliases: parseAliases(this.newAliases) });
    }, t("ui-person-added", { name }));
    if (added) {
      this.newName = "";
      this.newAliases = "";
    }
    return added;
  }

  saveAliases(name: string, aliases: string): Promise<boolean> {
    return this.#run(async () => {
      this.people = await savePerson({ name, aliases: parseAliases(aliases) });
    }, t("ui-aliases-saved", { name }));
  }

  removePerson(name: string): Promise<boolean> {
    return this.#run(async () => {
      this.people = await removePerson(name);
    }, t("ui-person-removed", { name }));
  }

  /** Saves the URL typed (or clears the setting with `null`). */
  saveTeam(url: string | null): Promise<boolean> {
    return this.#run(
      async () => {
        this.team = await setTeamDb(url);
        this.teamUrl = this.team.url ?? "";
      },
      url === null ? t("ui-team-cleared") : t("ui-team-saved"),
    );
  }

  sendNow(): Promise<boolean> {
    return this.#run(async () => {
      const report = await sendWaiting();
      if (report.problem !== null) throw new ApiError("offline", t("ui-still-waiting", { problem: report.problem }));
      this.team = await teamStatus();
    }, t("ui-team-all-sent"));
  }
}
