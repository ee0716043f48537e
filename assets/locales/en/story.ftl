## The story of a period, in short sentences a parent understands.
## A message's `.terms` attribute lists the glossary terms it uses (ids from glossary.ftl), so
## the first use in a story gets explained. Dates come in as YYYY-MM-DD in the reader's zone.

## The period, with absolute dates.
story-title-same-month = { DATETIME($from, weekday: "long") } { $fromDay } to { DATETIME($to, weekday: "long", day: "numeric", month: "long") } { $year }
story-title = { DATETIME($from, weekday: "long", day: "numeric", month: "long") } to { DATETIME($to, weekday: "long", day: "numeric", month: "long") } { $year }
story-title-years = { DATETIME($from, weekday: "long", day: "numeric", month: "long", year: "numeric") } to { DATETIME($to, weekday: "long", day: "numeric", month: "long", year: "numeric") }
story-title-day = { DATETIME($from, weekday: "long", day: "numeric", month: "long", year: "numeric") }

## The headline: the result first, then the number.
story-headline-no-data = There is no record yet of how things ran at this time.
## With no uptime at all, the headline leads with what the team did.
story-headline-fixed = { $fixed ->
    [one] The team fixed one problem
   *[other] The team fixed { $fixed } problems
} { $days ->
    [one] that day.
   *[other] in { $days } days.
}
story-headline-working = { $open ->
    [one] The team is working on a problem.
   *[other] The team is working on { $open } problems.
}
story-headline-perfect = Everything worked the whole time.
story-headline-almost = Everything worked almost all the time ({ $percent }%).
story-headline-mostly = Everything worked most of the time ({ $percent }%).
story-headline-rough = { $unit ->
    [day] It was a hard day: things worked { $percent }% of the time.
    [week] It was a hard week: things worked { $percent }% of the time.
    [month] It was a hard month: things worked { $percent }% of the time.
    [quarter] It was a hard three months: things worked { $percent }% of the time.
    [year] It was a hard year: things worked { $percent }% of the time.
   *[days] It was a hard time: things worked { $percent }% of the time.
}

## Uptime in everyday time.
story-looks-after = { $count ->
    [one] The team looks after one thing: { $examples }.
   *[other] The team looks after { $count } things, such as { $examples }.
}
story-looks-after-unnamed = { $count ->
    [one] The team looks after one thing.
   *[other] The team looks after { $count } things.
}
story-no-trouble = { $days ->
    [one] Not one minute of trouble all day. That takes steady work, not luck.
   *[other] Not one minute of trouble in { $days } days. That takes steady work, not luck.
}
story-trouble = { $days ->
    [one] All together, things were broken for { $duration } that day.
   *[other] All together, things were broken for { $duration } in { $days } days.
}
story-trouble-everyday = That is { $comparison }.
story-gaps = For part of this time, some parts sent no news, so that time is left out.
story-team-downtime = { $count ->
    [one] Downtime added up to { $duration } on the one service.
   *[other] Downtime added up to { $duration } across { $count } services.
}
    .terms = downtime, service
story-team-no-downtime = { $count ->
    [one] No downtime on the one service.
   *[other] No downtime across { $count } services.
}
    .terms = downtime, service
story-team-gaps = Some services sent no data for part of this time; it counts as neither up nor down.
    .terms = service, no-data

## Everyday comparisons, shortest first: the first one longer than the trouble is used.
## `.minutes` is how long the everyday thing takes here.
everyday-song = less than one song on the radio
    .minutes = 3
everyday-tea = less time than it takes to make a cup of tea
    .minutes = 5
everyday-coffee = less than a coffee break
    .minutes = 15
everyday-lunch = less than a lunch break
    .minutes = 45
everyday-match = less than a football match
    .minutes = 90
everyday-film = less than a long film
    .minutes = 150
everyday-workday = less than a working day
    .minutes = 480

## Compared with the period before.
story-compare-calmer = { $unit ->
    [day] It was a calmer day than the one before.
    [week] It was a calmer week than the one before.
    [month] It was a calmer month than the one before.
    [quarter] These three months were calmer than the three before.
    [year] It was a calmer year than the one before.
   *[days] These { $days } days were calmer than the { $days } before.
}
story-compare-busier = { $unit ->
    [day] There was more to fix than the day before.
    [week] There was more to fix than the week before.
    [month] There was more to fix than the month before.
    [quarter] There was more to fix than in the three months before.
    [year] There was more to fix than the year before.
   *[days] There was more to fix than in the { $days } days before.
}
story-compare-quiet-too = { $unit ->
    [day] The day before was just as calm.
    [week] The week before was just as calm.
    [month] The month before was just as calm.
    [quarter] The three months before were just as calm.
    [year] The year before was just as calm.
   *[days] The { $days } days before were just as calm.
}

## What broke and how fast it was fixed.
story-nothing-broke = Nothing broke.
story-problems = { $count ->
    [one] There was one problem.
   *[other] There were { $count } problems.
}
story-problem-down = { $service } stopped working for { $duration } { $when }.
story-problem-slow = { $service } was slow for { $duration } { $when }.
story-problem-unseen = The team fixed a problem with { $service } { $when }, before anyone noticed.
story-problem-open-down = { $service } has not worked since { $since }.
story-problem-open-slow = { $service } has been slow since { $since }.
story-problem-open-unseen = { $service } has had a problem since { $since }, but it still works.
## With no uptime to show what people noticed: nothing is claimed either way. The first one
## told is "first" (or "big" when it was the big outage), then "second", then "other".
story-problem-fixed = { $nth ->
    [big] The biggest problem hit { $service } { $when }. The team fixed it in { $duration }.
    [first] { $service } had a problem { $when }. The team fixed it in { $duration }.
    [second] { $service } had one { $when }, and it took { $duration } to fix.
   *[other] { $service } needed { $duration } of work { $when }.
}
story-problem-open = { $service } has had a problem since { $since }.
story-working-on = { $count ->
    [one] The team is working on it.
   *[other] The team is working on them.
}
story-problems-more = { $count ->
    [one] There was also one smaller problem.
   *[other] There were also { $count } smaller problems.
}
story-fixed-one = The team fixed it in { $duration }.
story-fixed-all = The team fixed all of them.
story-fixed-some = { $fixed ->
    [one] The team fixed one of them.
   *[other] The team fixed { $fixed } of them.
}
story-fix-times = A typical fix took { $typical }, and the longest took { $longest }.
story-still-open = { $count ->
    [one] One problem is still being worked on.
   *[other] { $count } problems are still being worked on.
}
story-some-part = one part of the system
## Parts without a friendly name, told one after another.
story-part = { $nth ->
    [first] one part of the system
    [second] another part of the system
    [third] a third part of the system
    [same] the same part of the system
   *[other] one more part of the system
}
story-only-problems = This story counts only the problems. No tool here tells us how much of the time things worked.
story-when = { $part ->
    [early] in the early hours of { DATETIME($date, weekday: "long", day: "numeric", month: "long") }
    [morning] on the morning of { DATETIME($date, weekday: "long", day: "numeric", month: "long") }
    [afternoon] on the afternoon of { DATETIME($date, weekday: "long", day: "numeric", month: "long") }
    [evening] on the evening of { DATETIME($date, weekday: "long", day: "numeric", month: "long") }
   *[late] late on { DATETIME($date, weekday: "long", day: "numeric", month: "long") }
}
story-since = { DATETIME($at, hour: "numeric", minute: "numeric") } on { DATETIME($at, weekday: "long", day: "numeric", month: "long") }

## The team's version names services and incidents as the sources do.
story-team-incidents = { $count ->
    [one] One incident.
   *[other] { $count } incidents.
}
    .terms = incident
story-team-fixed = { $service }: { $title }. { $who } fixed it in { $duration }, { $when }.
story-team-fixed-nobody = { $service }: { $title }. Fixed in { $duration }, { $when }.
story-team-open = { $service }: { $title }. Still open since { $since }.
story-team-incidents-grouped = { $services ->
    [one] { $count } incidents, all on one service.
   *[other] { $count } incidents, on { $services } services.
}
    .terms = incident, service
story-team-service = { $service }: { $count } incidents.
    .terms = incident
story-team-service-open = { $service }: { $count } incidents, { $open } still open.
    .terms = incident
story-team-worst-fixed = The most serious: { $title }, fixed by { $who } in { $duration }.
story-team-worst-fixed-nobody = The most serious: { $title }, fixed in { $duration }.
story-team-worst-open = The most serious: { $title }, open since { $since }.
story-team-more-services = { $services ->
    [one] And one more service, with { $count ->
        [one] one incident
       *[other] { $count } incidents
    }.
   *[other] And { $services } more services, with { $count } incidents.
}
    .terms = service, incident
story-team-only-incidents = No source gives uptime, so only incidents are counted.
    .terms = uptime, incident
story-team-fix-times = Median time to fix: { $typical }. Longest: { $longest }.
    .terms = median, time-to-fix

## What got better: our sentence, then the words a person wrote in the app, as written.
story-better-after-down = After { $service } stopped working { $when }, the team made a change.
story-better-after-slow = After { $service } was slow { $when }, the team made a change.
story-better-after-unseen = After a problem with { $service } { $when }, the team made a change.
story-better-words = { $text }
story-better-more = { $count ->
    [one] The team made one more change like these.
   *[other] The team made { $count } more changes like these.
}
story-team-better = { $service }: { $title }. What got better, by { $who }:
story-team-better-missing = { $count ->
    [one] One fixed incident has no “what got better” yet. You can add it on the incident’s card.
   *[other] { $count } fixed incidents have no “what got better” yet. You can add one on each incident’s card.
}
    .terms = incident

## Who worked outside hours. More than three people are counted, not listed; people already
## named in the sentence before are "the same 5 people", and "they" after that.
story-people-more = { $others ->
    [one] { $first }, { $second } and one other
   *[other] { $first }, { $second } and { $others } others
}
story-people-same = { $again ->
    [again] they
   *[first] the same { $count } people
}
story-night = { $names } got up in the night to take care of { $count ->
    [one] a problem
   *[other] { $count } problems
}.
story-early = { $names } started before the working day to take care of { $count ->
    [one] a problem
   *[other] { $count } problems
}.
story-late = { $names } stayed late in the evening to take care of { $count ->
    [one] a problem
   *[other] { $count } problems
}.
story-day-off = { $names } gave up part of a day off to take care of { $count ->
    [one] a problem
   *[other] { $count } problems
}.

## Days since the last big outage.
story-since-outage = The last big outage was on { DATETIME($date, weekday: "long", day: "numeric", month: "long") }. Since then, { $days } days have gone by without one.
    .terms = outage
story-outage-in-period = There was a big outage on { DATETIME($date, weekday: "long", day: "numeric", month: "long") }.
    .terms = outage

## Quiet wins.
story-updates = { $count ->
    [one] The team also put out one update to make things better.
   *[other] The team also put out { $count } updates to make things better.
}
story-updates-clean = { $count ->
    [one] The team also put out one update, and it caused no trouble.
   *[other] The team also put out { $count } updates, and none of them caused trouble.
}
story-upkeep = They also did { $duration } of planned upkeep.
    .terms = maintenance
story-upkeep-unnoticed = They also did { $duration } of planned upkeep, and nobody noticed.
    .terms = maintenance
story-team-deploys = { $count ->
    [one] One deploy went out.
   *[other] { $count } deploys went out.
}
    .terms = deploy
story-team-maintenance = Planned maintenance: { $duration }.
    .terms = maintenance
story-team-maintenance-unnoticed = Planned maintenance: { $duration }, and no incident during it.
    .terms = maintenance, incident

## Practice nobody noticed: drills (parts switched off on purpose) and planned upkeep records.
story-drill-parts = parts of the system
story-drills = { $count ->
    [1] The team also switched off { $what } on purpose, to practise for a bad day.
    [2] The team also switched off { $what } on purpose twice, to practise for a bad day.
   *[other] The team also switched off { $what } on purpose { $count } times, to practise for a bad day.
}
story-drills-unnoticed = { $count ->
    [1] The team also switched off { $what } on purpose, to practise for a bad day. Customers did not notice.
    [2] The team also switched off { $what } on purpose twice, to practise for a bad day. Customers did not notice.
   *[other] The team also switched off { $what } on purpose { $count } times, to practise for a bad day. Customers did not notice.
}
story-team-drills = { $count ->
    [one] One drill: { $what }.
   *[other] { $count } drills: { $what }.
}
story-team-drills-unnoticed = { $count ->
    [one] One drill: { $what }, with no incident during it.
   *[other] { $count } drills: { $what }, with no incident during them.
}
    .terms = incident
story-upkeep-times = { $count ->
    [1] The team also did planned upkeep once.
    [2] The team also did planned upkeep twice.
   *[other] The team also did planned upkeep { $count } times.
}
    .terms = maintenance
story-upkeep-times-unnoticed = { $count ->
    [1] The team also did planned upkeep once, and nobody noticed.
    [2] The team also did planned upkeep twice, and nobody noticed.
   *[other] The team also did planned upkeep { $count } times, and nobody noticed.
}
    .terms = maintenance
story-team-upkeep-times = { $count ->
    [one] Planned maintenance: once.
   *[other] Planned maintenance: { $count } times.
}
    .terms = maintenance
story-team-upkeep-times-unnoticed = { $count ->
    [one] Planned maintenance: once, with no incident during it.
   *[other] Planned maintenance: { $count } times, with no incident during them.
}
    .terms = maintenance, incident

## The thank-yous.
story-thanks = { $count ->
    [one] Teammates sent one thank-you note, to { $names }.
   *[other] Teammates sent { $count } thank-you notes, to { $names }.
}

## One incident, for its card in the app.
incident-summary-fixed = { $service } had a problem for { $duration }. { $who } fixed it.
incident-summary-fixed-nobody = { $service } had a problem for { $duration }. It is fixed.
incident-summary-open = { $service } has had a problem for { $duration }. The team is working on it.

## Durations, rounded the way people say them.
duration = { $unit ->
    [none] no time at all
    [under-minute] less than a minute
    [minutes] { $n ->
        [one] about a minute
       *[other] about { $n } minutes
    }
    [hours] { $n ->
        [one] about an hour
       *[other] about { $n } hours
    }
    [hours-half] { $n ->
        [one] about an hour and a half
       *[other] about { $n } and a half hours
    }
   *[days] { $n ->
        [one] about a day
       *[other] about { $n } days
    }
}
