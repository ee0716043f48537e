## The demo team's own names, so its stories read naturally in every language.
## `demo-service-<key>` is the friendly name of the demo service with that key.
demo-team-name = Juniper Books
demo-team-label = { $team } (demo team)
demo-service-shop = the online shop
demo-service-checkout = the checkout page
demo-service-payments = card payments
demo-service-email = order emails
demo-service-search = book search
demo-service-app = the mobile app
demo-service-photos = book photos

## What got better after three of the demo team's problems, as a teammate wrote it in the app.
## `demo-better-<incident number>`; a story in another language tells this language's words.
demo-better-118 = We added a second card company. If one stops, the other takes over.
demo-better-116 = Order emails now go out from two places. If one gets stuck, the other sends them.
demo-better-101 = We found what broke and fixed it for good. Now a warning goes off before customers see a problem.
