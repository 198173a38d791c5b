# The programme: the follow-up, the marketing calendar, the business case, handouts and
# the experiences they name (src/content/programme.rs, src/resolve/programme.rs,
# src/content/handouts.rs).

## Follow-up (followup.yaml, a division's notes and `followup_start`)

followup-week-zero = week numbers start at 1
followup-week-zero-hint = number the weeks 1, 2, 3, ...
followup-week-past-last = week { $week } is past week { $max }
followup-week-past-last-hint = number the weeks 1, 2, 3, ... without gaps
followup-week-twice = week { $week } appears twice (also on line { $line })
followup-week-twice-hint = each week number appears once; renumber or merge the two
followup-skips = the follow-up skips { $count ->
        [one] week { $first }
       *[other] weeks { $first } to { $last }
    }: week { $next } comes next
followup-skips-hint = the weeks run from 1 without gaps: add the missing weeks or renumber
followup-notes-no-week = the shared follow-up has no week { $week }
followup-notes-no-week-hint = local notes attach to the shared weeks 1 to { $last }
followup-notes-no-plan = there is no shared followup.yaml for these notes to attach to
followup-notes-no-plan-hint = ask HR for the shared follow-up plan, or remove this file
followup-start-hint = write the Monday the follow-up starts as YYYY-MM-DD, e.g. `followup_start: "2027-02-01"`
followup-start-not-monday = `followup_start: { $start }` is not a Monday; the weeks start on Monday { $monday }
followup-start-not-monday-hint = give the Monday the process starts, or leave it: the Monday of that week is used

## Marketing calendar (calendar.yaml and a division's activities)

calendar-not-a-month = `{ $text }` is not a month
calendar-start-hint = write the plan's first month as YYYY-MM, e.g. `start: "2027-01"`
calendar-start-year = `start: { $month }` is not in a year from { $first } to { $last }
calendar-start-year-hint = check the year of the plan's first month, e.g. `start: "2027-01"`
calendar-month-hint = write it as YYYY-MM, e.g. `month: "2027-03"`
calendar-date-hint = write it as YYYY-MM-DD, e.g. `date: "2027-03-15"`
calendar-unknown-channel = unknown channel `{ $channel }`
# $channels: each channel's id with its name on the site, "`event` (Event), ...".
calendar-channel-named-hint = `{ $text }` is what the site shows for `{ $id }`; write `channel: { $id }`. The channels: { $channels }
calendar-channel-nearest-hint = did you mean `{ $id }`? The channels: { $channels }
calendar-channel-list-hint = write one of the channels: { $channels }
calendar-no-month-or-date = the activity `{ $title }` has no `month` or `date`
calendar-no-month-or-date-hint = add `month: YYYY-MM`, or `date: YYYY-MM-DD` for a fixed day
calendar-month-and-date = the activity `{ $title }` has both `month` and `date`
calendar-month-and-date-hint = keep `date` for a fixed day, or `month` for something during the month
calendar-outside-plan = `{ $when }` is outside the plan's twelve months ({ $first } to { $last })
calendar-outside-plan-hint = move the activity into the plan, or change `start` in calendar.yaml
calendar-outside-plan-local-hint = move the activity into the shared plan's months; the plan's start is set by HR
calendar-empty-month = no activity in { $month }
calendar-empty-month-hint = the plan is meant to keep the subject alive every month: add at least one activity
calendar-local-no-plan = there is no shared calendar.yaml for these activities to join
calendar-local-no-plan-hint = ask HR for the shared marketing calendar, or remove this file

## Experiences named by the follow-up, the calendar and modules

programme-no-experience = there is no experience { $number }
# $numbers: the experience numbers that exist, "1, 2, 3".
programme-experiences-hint = the experiences are numbered { $numbers }

## Business case (business-case.yaml)

business-too-few-segments = the business case needs at least two segments
business-too-few-segments-hint = list the satisfaction segments from least to most satisfied
business-shift-not-percentage = `shift_pct: { $value }` is not a percentage
business-shift-not-percentage-hint = give the share of customers that move one segment up, between 0 and 100
business-out-of-range = `{ $key }: { $value }` is out of range
business-percentage-hint = give a percentage between 0 and 100
business-amount-hint = give a number from 0 to { $max }
business-too-large = the business case's sums are too large to compute
business-too-large-hint = check the numbers of customers and the revenue per customer

## Handouts (handouts/handouts.yaml)

handouts-no-such-file = there is no handout `{ $file }`
handouts-did-you-mean-hint = did you mean `{ $nearest }`? `file` is relative to content/handouts/
handouts-relative-hint = `file` is relative to content/handouts/, e.g. `moedepakker/uge-01.pdf`
handouts-described-twice = `{ $file }` is described twice
handouts-described-twice-hint = keep one entry per handout
