## Los nombres del equipo de demostración, para que sus historias suenen naturales.
## `demo-service-<clave>` es el nombre amable del servicio de demostración con esa clave.
demo-team-name = Juniper Books
demo-team-label = { $team } (equipo de demostración)
demo-service-shop = la tienda online
demo-service-checkout = la página de pago
demo-service-payments = los pagos con tarjeta
demo-service-email = los correos de los pedidos
demo-service-search = el buscador de libros
demo-service-app = la app del móvil
demo-service-photos = las fotos de los libros
