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

## Qué mejoró tras tres problemas del equipo de demostración, como lo escribió alguien en la app.
## `demo-better-<número de incidencia>`; una historia en otro idioma cuenta las palabras de este.
demo-better-118 = Añadimos otra empresa de tarjetas. Si una falla, la otra sigue.
demo-better-116 = Los correos de los pedidos salen ahora desde dos sitios. Si uno se atasca, el otro los manda.
demo-better-101 = Encontramos lo que falló y lo arreglamos del todo. Ahora un aviso salta antes de que los clientes vean un fallo.
