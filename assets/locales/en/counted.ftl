## "How was this counted?": one plain explanation for every number the app shows.
## `$start` and `$end` are working hours ("09:00"), `$tz` the reader's time zone.
counted-title = How was this counted?
counted-overall-uptime = We add up the time each part worked and the time it did not. Slow time counts as working. Planned upkeep and time with no news count as neither. The figure is the working time out of both. It is cut, not rounded, so a bad day never shows as a perfect one.
counted-trouble-time = All the time that any part did not work, added up. If two parts did not work at once, both count.
counted-problems = Each problem that was opened in this time counts once. Copies of the same warning, tests and false alarms are left out.
counted-typical-fix = The middle of all the fix times: half of the fixes were quicker, and half took longer. A fix time runs from when a problem was opened until it was marked as fixed. Problems that are still open are left out.
counted-after-hours = Problems that were opened outside working hours. On a weekday, that is before { $start } or after { $end }. On a weekend, it is any time. Times are read in { $tz } time.
counted-days-since = Whole days from the start of the last big problem until the end of this time, or until now if this time is still going.
counted-service-uptime = The share of time this part worked, counted the same way as the figure for everything.
counted-day-bar = Each bar is one day in { $tz } time. Red: it did not work for 30 minutes or more. Orange: it did not work for a shorter time. Yellow: it was slow. Blue: planned upkeep. Grey: mostly no news.
counted-incident-duration = From when the problem was opened until it was marked as fixed.
counted-thanks = Notes that teammates wrote in this time.
