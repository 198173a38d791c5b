# Governance: HR's approvals, review dates, stale local sections, the git history
# (src/approvals.rs, src/review.rs, src/stale.rs, src/history.rs).

approval-not-a-division = `{ $division }` is not a division
approval-not-local-item = `{ $path }` is not a local item of division `{ $division }`
approval-not-local-item-hint = { $suggestion }; or run `handbook approve --division { $division }` to record its items again
approval-twice = `{ $path }` of division `{ $division }` is approved twice
approval-twice-hint = keep one of the two entries
approval-not-a-fingerprint = `{ $text }` is not a fingerprint
approval-not-a-fingerprint-hint = a fingerprint is the first 12 hex digits (0-9, a-f) of the file's SHA-256; `handbook approve` writes it
approval-date-hint = write the date of the approval as YYYY-MM-DD

review-overdue = `{ $page }` was due for review on { $date }; its owner is { $owner }
review-overdue-hint = review the page with its owner, then set `review_by` to the next review date
review-overdue-no-owner = `{ $page }` was due for review on { $date }; it has no owner
review-overdue-no-owner-hint = name who answers for the page with `owner:`, review it, then set `review_by` to the next review date

stale-local-section = the shared page { $shared } changed on { $date }, after this local section was last changed
stale-local-section-hint = read what changed in { $shared } and bring the local section up to date; the warning goes once this file has changed after it

history-unreadable = the git history could not be read, so change dates are file times: { $detail }
history-unreadable-hint = check the repository with `git fsck`, or build from a fresh clone
