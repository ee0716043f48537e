## The app's own words. The UI loads this file (and the others) with @fluent/bundle; Rust
## loads it too, so both languages are checked to have the same messages.
ui-app-name = Unsung
ui-team-yours = Your team
ui-skip = Skip to the story
ui-demo-badge = Demo team
ui-demo-sample = sample data
ui-views = Views
ui-nav-week = This week
ui-nav-thanks = Thank-yous
ui-nav-glossary = Glossary
ui-language = Language
ui-lang-en = English
ui-lang-es = Español
ui-audience = Told for
ui-audience-family = Family and friends
ui-audience-team = The team
ui-loading = Gathering your team's week…
ui-load-failed = We could not load your team's story.
ui-try-again = Try again
ui-something-wrong = Something went wrong inside Unsung. Please try again.

## Periods.
ui-show = Show
ui-updating = Updating…
ui-period-this_week = This week
ui-period-last_week = Last week
ui-period-this_month = This month
ui-period-this_quarter = These three months
ui-period-this_year = This year
ui-period-last_30_days = Last 30 days
ui-period-last_90_days = Last 90 days

## The story card.
ui-story-eyebrow = Your team's story, in plain words
ui-story-eyebrow-team = Your team's story, for the team
ui-term-hint = What does this mean?

## Figures.
ui-in-numbers = In numbers
ui-everything-together = Everything together
ui-no-measurements = No measurements yet.
ui-everything-worked = of the time, everything worked.
ui-no-data = no data
ui-percent = { $value }%
ui-trouble-none = Not a single minute of trouble in { $days }.
ui-trouble-total = All the trouble added together comes to { $duration } in { $days }.
ui-trouble-ratio = That is { $duration } of trouble in { $days }.
ui-trouble-unknown = We have no measurements for this period yet.
ui-fact-nothing-broke = Nothing broke
ui-fact-nothing-broke-text = Not one problem to fix. Quiet like this is work, not luck.
ui-fact-problems = { $count ->
    [one] 1 problem
   *[other] { $count } problems
}
ui-fact-fixed-one = It was fixed.
ui-fact-fixed-all = All of them were fixed.
ui-fact-fixed-some = { $fixed } fixed, { $open } still being worked on.
ui-fact-typical-fix = The usual time it took to fix one.
ui-fact-after-hours = { $count ->
    [one] 1 call after hours
   *[other] { $count } calls after hours
}
ui-fact-after-hours-text = Someone stepped in at night, in the evening or on a day off.
ui-fact-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
ui-fact-days-text = Since the last big outage, when something stopped for everyone.

## Durations.
ui-zero-minutes = 0 minutes
ui-under-minute = less than a minute
ui-minutes = { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
ui-hours = { $n ->
    [one] 1 hour
   *[other] { $n } hours
}
ui-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
ui-about-none = no time at all
ui-about-minutes = { $n ->
    [one] about 1 minute
   *[other] about { $n } minutes
}
ui-about-hours = { $n ->
    [one] about an hour
   *[other] about { $n } hours
}
ui-about-days = { $n ->
    [one] about a day
   *[other] about { $n } days
}

## Services and their daily bars.
ui-services-title = How each part did
ui-services-lead = Each bar is one day, the oldest on the left and today on the right. Point at a bar to see that day.
ui-services-none = No services are connected yet.
ui-service-no-trouble = No trouble in this period
ui-service-trouble = { $duration } of trouble in this period
ui-service-bars = The last { $count } days of { $name }
ui-days-ago = { $count } days ago
ui-today = Today
ui-legend-title = What the colours mean
ui-state-up = Working
ui-state-degraded = Slow
ui-state-partial = Partly down
ui-state-down = Down
ui-state-maintenance = Planned maintenance
ui-state-no_data = No data
ui-day-up = { $day }: working all day
ui-day-degraded = { $day }: slow for { $duration }
ui-day-partial = { $day }: partly down for { $duration }
ui-day-down = { $day }: down for { $duration }
ui-day-maintenance = { $day }: planned maintenance for { $duration }
ui-day-no_data = { $day }: no data
ui-days-working = Working on { $up } of { $total } days
ui-days-trouble = trouble on { $count }
ui-days-planned = { $count } with planned maintenance
ui-days-no-data = { $count } with no data

## Incidents.
ui-incidents-title = What broke, and who fixed it
ui-incidents-none = Nothing broke in this period. Quiet like this is work, not luck: updates went out and everything kept running.
ui-incidents-lead = Times are shown in your own time zone.
ui-still-going = Still going
ui-still-open = Still open
ui-fixed = Fixed
ui-big-outage = Big outage
ui-at-night = At night
ui-outside-hours = Outside working hours
ui-what = What
ui-several-things = Several things
ui-when = When
ui-how-long = How long
ui-who-is-on-it = Who is on it
ui-fixed-by = Fixed by
ui-the-team = The team

## Thank-yous.
ui-thanks-title = Thank-yous
ui-thanks-intro = Notice the quiet work. Thank someone for a night they gave up to fix things, or for a week where nothing broke because they kept it that way.
ui-say-thanks = Say thank you
ui-from = From
ui-to = To
ui-to-placeholder = Ana, Ben
ui-to-hint = One or more names, separated by commas.
ui-add-teammate = Add a teammate
ui-message = Message
ui-message-placeholder = Thank you for…
ui-send = Post thank-you
ui-sending = Sending…
ui-sent = Your thank-you to { $names } is on the wall.
ui-need-author = Please say who the thank-you is from.
ui-need-recipients = Please add at least one person to thank.
ui-need-message = Please write a few words of thanks.
ui-wall = The wall
ui-wall-empty = No thank-yous yet. The first one is often the hardest to write, and the nicest to read.
ui-wall-to = to

## The Glossary view.
ui-glossary-title = Glossary
ui-glossary-intro = Every word Unsung may use that is not an everyday word, with what it means.

## Changing notes, what they are for, and notes waiting for the team database.
ui-nav-settings = Settings
ui-thanks-edit-title = Change your thank-you
ui-known-as = The team database knows you as { $name }.
ui-what-for = What for
ui-about-clear = Not about this
ui-about-hint = Optional. Tie it to the period you were looking at, or start from an incident in This week with “Thank whoever fixed this”.
ui-save-changes = Save changes
ui-cancel = Cancel
ui-thanks-changed = Your changes are saved.
ui-sent-waiting = Your thank-you to { $names } is saved. The team database cannot be reached now, so it is waiting to send; it goes out once, as soon as it can.
ui-thanks-deleted = Your thank-you is deleted.
ui-still-waiting = Still waiting: { $problem }
ui-waiting-sent = { $count ->
    [one] 1 waiting note was sent.
   *[other] { $count } waiting notes were sent.
}
ui-waiting-summary = { $count ->
    [one] 1 note is waiting to send: the team database cannot be reached. It goes out once, as soon as it can.
   *[other] { $count } notes are waiting to send: the team database cannot be reached. Each goes out once, as soon as it can.
}
ui-try-now = Try again now
ui-for = For:
ui-edited = (edited)
ui-sample = Sample
ui-not-sent = Not sent: the team database refused it
ui-waiting = Waiting to send
ui-edit = Edit
ui-delete = Delete
ui-delete-confirm = Really delete?
ui-keep = Keep it
ui-your-note-to = your note to { $names }
ui-thank-fixer = Thank whoever fixed this

## Settings: people and the team database.
ui-settings-title = Settings
ui-people-title = People
ui-people-lead = Your team, and the other names tools use for each person (such as “ana.lopez” in your paging tool), so the story and the thank-yous call everyone by the name you know.
ui-people-none = Nobody yet. Add your teammates below.
ui-aliases-for = Other names for { $name }
ui-aliases-placeholder = Other names, separated by commas
ui-save = Save
ui-remove = Remove
ui-add-someone = Add someone
ui-name = Name
ui-aliases-optional = Other names (optional)
ui-aliases-example = ana.lopez, Ana L.
ui-add = Add
ui-need-name = Write the person's name first.
ui-person-added = { $name } is on the team.
ui-aliases-saved = Saved the other names of { $name }.
ui-person-removed = { $name } is no longer on the list.
ui-team-title = Team database
ui-team-lead = With a team database (PostgreSQL), thank-yous and the team's synced data are shared by everyone. Without one, they stay on this computer. Unsung works offline either way: notes written while the team database cannot be reached wait here and are sent once it can.
ui-team-checking = Checking…
ui-team-reaching = Reaching the team database… Meanwhile you see what this computer has.
ui-team-none = No team database is set.
ui-team-connected = Connected to { $url }.
ui-team-signed = Your notes are signed { $name }.
ui-team-not-member = This role is not on the team yet: ask your admin.
ui-team-unreachable = { $url } cannot be reached now.
ui-team-unreachable-why = { $url } cannot be reached now: { $problem }.
ui-team-waiting = { $count ->
    [one] 1 note is waiting to send.
   *[other] { $count } notes are waiting to send.
}
ui-team-send-now = Send waiting notes now
ui-team-fixed = Unsung was given this team database when it started, so Settings cannot change it.
ui-team-url = Address (URL)
ui-team-url-placeholder = postgres://your-role@db.example.org/unsung
ui-team-url-hint = Leave the password out: Unsung keeps no passwords. Put it in ~/.pgpass, PostgreSQL's own password file, as your admin explains.
ui-team-stop = Stop using it
ui-team-cleared = No team database: notes stay on this computer.
ui-team-saved = The team database is saved.
ui-team-all-sent = Every waiting note was sent.

## Share: the words around the story on shared cards, PDF pages, web pages and texts.
share-team-ours = Our team
share-trouble = { $duration } of trouble in { $span }.
share-no-trouble = Not one minute of trouble in { $span }.
share-no-data = There is no record yet of how things ran in { $span }.
share-span = { $days ->
    [0] less than a day
    [one] one day
   *[other] { $days } days
}
share-thanks-names = Thank you, { $names }, for the quiet work that keeps it all running.
share-thanks-everyone = Thank you to everyone who kept things running.
share-last-days = The last { $days } days
share-what-happened = What happened
share-nothing-broke = Nothing broke in this period.
share-problems-fixed = { $count ->
    [one] One problem came up, and it was fixed.
   *[other] { $count } problems came up, and all were fixed.
}
share-problems-open = { $count ->
    [one] One problem came up; it is still being worked on.
   *[other] { $count } problems came up; { $open ->
        [one] one is
       *[other] { $open } are
    } still being worked on.
}
share-earlier-fixed = { $count ->
    [one] And one earlier problem, fixed.
   *[other] And { $count } earlier problems, all fixed.
}
share-earlier-open = { $count ->
    [one] And one earlier problem, still being worked on.
   *[other] And { $count } earlier problems; { $open ->
        [one] one is
       *[other] { $open } are
    } still being worked on.
}
share-made-with = Made with Unsung
share-page = Page { $page } of { $pages }
share-day = { DATETIME($date, day: "numeric", month: "long") }
share-uptime-no-data = no data
share-private-server = a server
share-private-system = a system
share-private-web-page = a web page
share-private-email = an email address
share-private-customer = a customer
share-private-teammate = a teammate
share-private-and = and
share-private-teammates = { $count ->
    [2] two teammates
    [3] three teammates
    [4] four teammates
    [5] five teammates
   *[other] { $count } teammates
}
share-save-title = Save the story

## The Share view.
ui-nav-share = Share
ui-share-title = Share this story
ui-share-lead = Send the story to someone who never sees the work: as a picture, a PDF, a web page or a short text.
ui-share-how = How to share
ui-share-format = Format
ui-share-format-png = Picture
ui-share-format-pdf = PDF
ui-share-format-html = Web page
ui-share-format-text = Text
ui-share-hint-png = A card for a chat or a photo album.
ui-share-hint-pdf = The whole story on one page, ready to print.
ui-share-hint-html = One file that opens in any browser, even offline.
ui-share-hint-text = Plain words for a message.
ui-share-size = Size
ui-share-size-landscape = Wide (1200 × 630)
ui-share-size-portrait = Tall (1080 × 1350)
ui-share-privacy = Privacy
ui-share-privacy-hint = Before anything leaves this computer, Unsung takes out server names, web and network addresses, and the names of internal systems (each system gets its friendly name).
ui-share-keep-names = Keep teammates' names
ui-share-keep-names-hint = (otherwise each one is "a teammate")
ui-share-customers = Customer names to leave out
ui-share-customers-placeholder = One name per line
ui-share-customers-hint = Kept on this computer only. Each one becomes "a customer".
ui-share-save = Save…
ui-share-copy = Copy text
ui-share-saved = Saved to { $path } ({ $size }).
ui-share-copied = Copied the story's text. Paste it into any message.
ui-share-preview = What will be shared
ui-share-image-alt = The picture that will be shared; its words are below.
ui-share-page-alt = Page { $page } of the PDF report.
ui-share-html-note = The web page tells these words, with the 90 days and each part drawn as coloured bars.
ui-share-words = The words in it
ui-share-drawing = Drawing the preview…
ui-share-bytes = { $n } bytes
ui-share-kb = { $n } KB
ui-share-mb = { $n } MB

## Settings → Sources, and Sync now.
ui-sources-title = Sources
ui-sources-lead = The tools Unsung reads to tell your team's story: where incidents are paged, a status page, uptime checks. Unsung only reads from them. Tokens are kept in this computer's keychain (or, where none runs, in a file only you can read), never in the database, and never shown again.
ui-sources-none = No sources yet. Until you add one, Unsung shows the demo team.
ui-source-kind = Kind of source
ui-source-kind-pagerduty = PagerDuty
ui-source-kind-statuspage = Status page (Atlassian Statuspage)
ui-source-kind-uptime-kuma = Uptime Kuma
ui-source-kind-prometheus = Prometheus
ui-source-kind-csv = CSV file
ui-source-kind-incident-io = incident.io
ui-source-kind-better-stack = Better Stack Uptime
ui-source-kind-uptimerobot = UptimeRobot
ui-source-kind-grafana-oncall = Grafana OnCall (or Grafana Cloud IRM)
ui-source-kind-gatus = Gatus
ui-source-kind-github = GitHub (updates shipped)
ui-source-about-pagerduty = Incidents from your PagerDuty account: when they began, who was paged and who fixed them.
ui-source-about-statuspage = Incidents and planned maintenance from a public status page made with Atlassian Statuspage.
ui-source-about-uptime-kuma = Uptime and incidents from an Uptime Kuma status page.
ui-source-about-prometheus = Uptime from a Prometheus series that is 1 while a service works and 0 while it does not.
ui-source-about-csv = Incidents you keep in a spreadsheet, saved as a CSV file on this computer.
ui-source-about-incident-io = Incidents from your incident.io account: how serious they were, who led them and when they were fixed.
ui-source-about-better-stack = Uptime and incidents from your Better Stack monitors.
ui-source-about-uptimerobot = Uptime and outages from your UptimeRobot monitors.
ui-source-about-grafana-oncall = Alert groups from Grafana OnCall: when they began and who resolved them.
ui-source-about-gatus = Uptime from the checks on a Gatus status page.
ui-source-about-github = Releases and successful deployments of the repositories you list, as updates your team shipped.
ui-source-name = Name
ui-source-name-hint = Letters, digits, dashes or dots. Leave it empty to call it “{ $kind }”.
ui-source-pagerduty-token = API token (read-only)
ui-source-pagerduty-token-hint = In PagerDuty: Integrations → API Access Keys → create a read-only key. It is kept in the keychain (or a file only you can read) and never shown again.
ui-source-pagerduty-url = Address (optional)
ui-source-pagerduty-url-hint = Leave it empty, unless your account is on PagerDuty's EU service: then write https://api.eu.pagerduty.com
ui-source-statuspage-url = Status page address
ui-source-statuspage-url-hint = The page your customers see. No token is needed.
ui-source-uptime-kuma-url = Uptime Kuma address
ui-source-uptime-kuma-slug = Status page name (slug)
ui-source-uptime-kuma-slug-hint = The last part of the status page's address: for …/status/default it is “default”.
ui-source-prometheus-url = Prometheus address
ui-source-prometheus-query = Query
ui-source-prometheus-query-hint = A series that is 1 while a service works and 0 while it does not, such as probe_success or up.
ui-source-prometheus-service_label = Label that names each service (optional)
ui-source-prometheus-service_label-hint = When left empty: instance.
ui-source-prometheus-token = Bearer token (optional)
ui-source-prometheus-token-hint = Only if your Prometheus asks for one. It is kept in the keychain (or a file only you can read) and never shown again.
ui-source-csv-file = File
ui-source-csv-file-hint = The full path of the CSV file on this computer.
ui-source-incident-io-token = API key (read-only)
ui-source-incident-io-token-hint = In incident.io: Settings → API keys → add a key that can only view incident data. It is kept in the keychain (or a file only you can read) and never shown again.
ui-source-incident-io-url = Address (optional)
ui-source-incident-io-url-hint = Leave it empty to use incident.io's public API, https://api.incident.io
ui-source-better-stack-token = Uptime API token
ui-source-better-stack-token-hint = In Better Stack: API tokens → Team-based tokens → choose your team → Uptime API tokens. It is kept in the keychain (or a file only you can read) and never shown again.
ui-source-better-stack-url = Address (optional)
ui-source-better-stack-url-hint = Leave it empty to use Better Stack's public API, https://uptime.betterstack.com
ui-source-uptimerobot-token = Read-only API key
ui-source-uptimerobot-token-hint = In UptimeRobot: Integrations & API → API → the read-only API key. It is kept in the keychain (or a file only you can read) and never shown again.
ui-source-uptimerobot-url = Address (optional)
ui-source-uptimerobot-url-hint = Leave it empty to use UptimeRobot's public API, https://api.uptimerobot.com
ui-source-grafana-oncall-url = OnCall API address
ui-source-grafana-oncall-url-hint = In Grafana Cloud: IRM → Settings → Admin & API shows it. On your own server: the address of Grafana OnCall.
ui-source-grafana-oncall-stack_url = Grafana Cloud stack address (optional)
ui-source-grafana-oncall-stack_url-hint = Only for Grafana Cloud: your stack's address, such as https://yourteam.grafana.net. Leave it empty for your own server.
ui-source-grafana-oncall-token = API token (read-only)
ui-source-grafana-oncall-token-hint = A Grafana service account token that can only read, or an OnCall API key. It is kept in the keychain (or a file only you can read) and never shown again.
ui-source-gatus-url = Gatus address
ui-source-gatus-url-hint = The status page Gatus shows. No token is needed.
ui-source-github-token = Fine-grained token (read-only)
ui-source-github-token-hint = In GitHub: Settings → Developer settings → Fine-grained tokens, with read access to Contents and Deployments of these repositories. It is kept in the keychain (or a file only you can read) and never shown again.
ui-source-github-repos = Repositories
ui-source-github-repos-hint = One per line, or separated by commas, written owner/name, such as octo-org/web.
ui-source-github-url = Address (optional)
ui-source-github-url-hint = Leave it empty to use GitHub's public API, https://api.github.com. For GitHub Enterprise Server: https://your-server/api/v3
ui-source-add-title = Add a source
ui-source-add = Add source
ui-source-adding = Adding…
ui-source-added = “{ $name }” is added. Sync now to bring in what it knows.
ui-source-missing = Fill in “{ $field }” first.
ui-source-address = Reads from
ui-source-page = page “{ $slug }”
ui-source-query = { $query }, one service per { $label }
ui-source-repos = { $count ->
    [one] repository { $repos }
   *[other] repositories { $repos }
}
ui-source-stack = Grafana stack { $stack }
ui-source-repo-bad = “{ $repo }” is not a repository: write it as owner/name, such as octo-org/web.
ui-source-token = Token set
ui-source-token-no = No
ui-source-token-keychain = Yes, in the system keychain
ui-source-token-file = Yes, in a private file, because no keychain is running on this computer
ui-source-data = Brought in
ui-source-counts = { $services ->
    [one] 1 service
   *[other] { $services } services
}, { $incidents ->
    [one] 1 incident
   *[other] { $incidents } incidents
}
ui-source-last-sync = Last sync
ui-source-never = Not synced yet
ui-source-synced-at = { $time }: worked
ui-source-failed-at = { $time }: could not sync
ui-source-last-good = Last good sync: { $time }
ui-source-test = Test connection
ui-source-testing = Testing…
ui-source-remove-confirm = Really remove?
ui-source-remove-warning = This takes away “{ $name }”, its token and everything it brought in.
ui-source-removing = Removing…
ui-source-removed = “{ $name }” is removed, with its token and what it brought in.
ui-sync-now = Sync now
ui-sync-running = Syncing…
ui-sync-starting = Starting to sync…
ui-sync-source = Syncing “{ $name }”, { $n } of { $total }…
ui-sync-step = Syncing “{ $name }”, { $n } of { $total }: { $step }…
ui-sync-nothing = There are no sources to sync yet.
ui-sync-all = { $count ->
    [one] “{ $name }” synced.
   *[other] All { $count } sources synced.
}
ui-sync-one-failed = 1 source could not sync (“{ $name }”): { $message }
ui-sync-many-failed = { $count } sources could not sync.
ui-sync-kept = Earlier data is kept.
ui-sync-others-ok = { $count ->
    [one] The other source synced.
   *[other] The other { $count } sources synced.
}
ui-sync-error = Could not sync: { $message }
ui-figures-as-of = Figures as of { $time }.
ui-sources-see-demo = Look around with the demo team

## First run: the welcome.
ui-welcome-title = Welcome to Unsung
ui-welcome-lead = Unsung is for the people who keep systems running. It reads the tools your team already uses and tells the week's story in plain words: what worked, what broke, and who fixed it, often at night. Share it with the people you care about, and thank the teammates who did the quiet work.
ui-welcome-ask = First, a little about you. You can change it any time in Settings.
ui-welcome-next = What next?
ui-welcome-connect = Connect a source
ui-welcome-demo = Look around with the demo team
ui-welcome-demo-hint = The demo team is sample data, always labelled as such. It stays one click away in Settings → Sources.
ui-welcome-saving = Saving…

## You: name, time zone and working hours (the welcome and Settings).
ui-you-title = You
ui-you-lead = Dates are shown in your time zone, and problems fixed outside your working hours count as time someone gave up.
ui-you-name = Your name
ui-you-name-hint = Optional. It signs your thank-you notes.
ui-you-tz = Time zone
ui-you-tz-now = It is { $time } there now.
ui-you-tz-machine = { $zone } (this computer)
ui-zone-region = { $region ->
    [Africa] Africa
    [America] America
    [Antarctica] Antarctica
    [Arctic] Arctic
    [Asia] Asia
    [Atlantic] Atlantic Ocean
    [Australia] Australia
    [Europe] Europe
    [Indian] Indian Ocean
    [Pacific] Pacific Ocean
   *[other] { $region }
}
ui-you-hours = Working hours
ui-you-start = Start
ui-you-end = End
ui-you-days = Working days
ui-you-saved = Your settings are saved.

## The weekly story notice.
ui-weekly-title = Weekly story
ui-weekly-lead = A short desktop notice when the new week's story is ready, so the week starts with what went well.
ui-weekly-enabled = Tell me when the new week's story is ready
ui-weekly-day = Day
ui-weekly-hour = Time
ui-weekly-sentence = On { $day } at { $time }, Unsung tells you when the new week's story is ready (while the app is running, it syncs first).
ui-weekly-off = Unsung will not send a notice. The story is here whenever you open the app.
ui-weekly-cli = On a computer without the app, such as a server, { $command } prints the week's story in a terminal. Run it from cron to have it mailed to you each week: the README has the line.
ui-weekly-saved = The weekly notice is saved.

## SysAdmin Day.
ui-sysadmin-title = Today is SysAdmin Day
ui-sysadmin-text = The last Friday of July is System Administrator Appreciation Day: a good day to thank the teammates who keep everything running, usually without anyone noticing.
ui-sysadmin-thank = Write a thank-you

## Errors, worded from their code and details (the app's own message is plain English)
ui-error-invalid_input = Something in what you entered cannot be used. Check it and try again.
ui-error-not_found = That is no longer here. It may have been removed.
ui-error-forbidden = That is not yours to change: the team database refused it.
ui-error-offline = The team database cannot be reached now. Try again later; notes wait and are sent when it is back.
ui-error-storage = Unsung could not read or write its database. Try again; if it keeps happening, restart Unsung.
ui-error-source_failed = The source did not answer as expected. Earlier data is kept; try again later.
ui-error-internal = Something went wrong inside Unsung. Please try again.
ui-error-setting_needed = { $setting ->
    [url] A { $kind } source needs its web address.
    [file] A { $kind } source needs the CSV file to read.
    [slug] A { $kind } source needs the status page's name, as it appears in its address.
    [query] A { $kind } source needs a query for a 0/1 series, such as probe_success.
   *[repos] A { $kind } source needs at least one repository, written owner/name.
}
ui-error-token_needed = A { $kind } source needs a read-only API token: paste it in the token field.
ui-error-token_not_taken = A { $kind } source takes no token: leave the token field empty.
ui-error-no_token_set = No token is set for “{ $source }”: paste one in Settings → Sources.
ui-error-no_settings = “{ $source }” has no settings: remove it and add it again in Settings → Sources.
ui-error-no_such_source = There is no source called “{ $source }”.
ui-error-local_db_is_postgres = The local database is a file on this computer; a PostgreSQL database belongs in Settings → Team database.
ui-error-team_db_set_at_start = The team database was chosen when Unsung started, so it cannot be changed here until Unsung starts without it.
ui-error-no_home_folder = Unsung cannot find a home folder to keep its database in.
## Why a source did not sync
ui-sync-problem-no_settings = it has no settings; remove it and add it again.
ui-sync-problem-no_token = no token is set for it; paste one in Settings → Sources.
ui-sync-problem-settings = its settings do not work; check them in Settings → Sources.
ui-sync-problem-token_refused = it refused the token; paste a valid read-only token in Settings → Sources.
ui-sync-problem-rate_limited = it asked Unsung to slow down; try again in a few minutes.
ui-sync-problem-unreachable = it could not be reached; the network may be down or the address wrong.
ui-sync-problem-timeout = it took too long to answer; try again later.
ui-sync-problem-server_error = it kept failing on its side; try again later.
ui-sync-problem-not_found = there is nothing at its address; check the address in Settings → Sources.
ui-sync-problem-bad_response = its answer could not be read; check that the address points at the right tool.

## "What got better?" on an incident card
ui-better-title = What got better?
ui-better-label = What the team changed, in one or two plain sentences for the family
ui-better-hint = For example: "We added an early warning, so next time we will know before customers do."
ui-better-source = What the team's tools say changed (engineer words, not shown to the family):
ui-better-start-from = Start from this
ui-better-grade = Reads like school grade { $grade }:
ui-better-ease = Reading ease { $ease } out of 100:
ui-better-plain-enough = plain enough for the family.
ui-better-too-hard = harder than the family story allows; try shorter words and sentences.
ui-better-long = Sentences over 20 words are underlined: try splitting them.
ui-better-marked = Your text, with what to look at marked
ui-better-jargon = Words the family may not know
ui-better-use-plain = Use “{ $plain }”
ui-better-use-plain-for = instead of “{ $word }”
ui-better-practice = This was practice (planned, on purpose): not counted as something that broke
ui-better-saved = Saved. The story tells it now.
ui-better-written-by = Written by { $name }
ui-better-edited-by = last changed by { $name }
ui-better-none-yet = Nobody has told what got better yet.
ui-kind-drill = Practice
ui-kind-maintenance = Planned work

## Settings → Service names
ui-service-names-title = Service names
ui-service-names-lead = The names people outside the team know your services by. The family story uses them instead of the tools' names.
ui-service-names-internal = Called { $name } by your tools
ui-service-names-label = Friendly name for { $name }
ui-service-names-use = Use “{ $name }”
ui-service-names-saved = Service names saved.
ui-service-names-none = No services yet: connect a source first.
ui-service-names-ask = Your services are in. Give them the names your family would know, so the story reads well.
ui-service-names-ask-go = Name your services
