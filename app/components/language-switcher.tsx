import { useFetcher, useLocation, useMatches } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES, languageInfo, type Language } from "~/i18n/languages";

/**
 * A route whose page holds a form the buyer fills in names it in its `handle`: without
 * JavaScript the switcher's buttons then post that form to `action(language)`, which keeps every
 * answer and file and answers in the new language.
 */
export type LanguageSwitchHandle = { languageForm: { id: string; action: (language: Language) => string } };

function languageFormOf(handle: unknown): LanguageSwitchHandle["languageForm"] | undefined {
  return (handle as Partial<LanguageSwitchHandle> | undefined)?.languageForm;
}

/**
 * The buyer's language, on every buyer page. It posts to /language, which remembers the choice
 * (cookie, and the inquiry's language on a status page) and comes back to the same page. With
 * JavaScript that is a fetcher and a navigation to the same route: the page stays mounted, so
 * whatever the buyer typed or chose stays where it is.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation("intake");
  const fetcher = useFetcher();
  const location = useLocation();
  const languageForm = useMatches()
    .map((m) => languageFormOf(m.handle))
    .find(Boolean);
  const current = languageInfo(i18n.language).code;
  const returnTo = `${location.pathname}${location.search}`;
  return (
    <fetcher.Form method="post" action="/language" className="language-switcher" aria-label={t("switcher.label")}>
      <input type="hidden" name="returnTo" value={returnTo} />
      {LANGUAGES.map((l) => (
        <button
          key={l.code}
          type="submit"
          name="lng"
          value={l.code}
          lang={l.locale}
          dir={l.dir}
          aria-current={l.code === current ? "true" : undefined}
          className="language-option"
          {...(languageForm
            ? { form: languageForm.id, formAction: languageForm.action(l.code), formMethod: "post" as const }
            : {})}
          onClick={(event) => {
            if (!languageForm) return;
            // With JavaScript the page's form stays mounted: switch without posting it.
            event.preventDefault();
            fetcher.submit({ lng: l.code, returnTo }, { method: "post", action: "/language" });
          }}
        >
          {l.label}
        </button>
      ))}
    </fetcher.Form>
  );
}
