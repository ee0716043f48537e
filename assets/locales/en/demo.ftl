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
