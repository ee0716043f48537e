## Las palabras de la propia app. La interfaz carga este archivo (y los demás) con
## @fluent/bundle; Rust también lo carga, para comprobar que ambos idiomas tienen los mismos
## mensajes.
ui-app-name = Unsung
ui-team-yours = Tu equipo
ui-skip = Saltar a la historia
ui-demo-badge = Equipo de demostración
ui-demo-sample = datos de ejemplo
ui-views = Vistas
ui-nav-week = Esta semana
ui-nav-thanks = Agradecimientos
ui-nav-glossary = Glosario
ui-language = Idioma
ui-lang-en = English
ui-lang-es = Español
ui-audience = Contada para
ui-audience-family = Familia y amigos
ui-audience-team = El equipo
ui-loading = Reuniendo la semana de tu equipo…
ui-load-failed = No hemos podido cargar la historia de tu equipo.
ui-try-again = Reintentar
ui-something-wrong = Algo ha fallado dentro de Unsung. Vuelve a intentarlo.

## Periodos.
ui-show = Mostrar
ui-updating = Actualizando…
ui-period-this_week = Esta semana
ui-period-last_week = La semana pasada
ui-period-this_month = Este mes
ui-period-this_quarter = Estos tres meses
ui-period-this_year = Este año
ui-period-last_30_days = Últimos 30 días
ui-period-last_90_days = Últimos 90 días

## La tarjeta de la historia.
ui-story-eyebrow = La historia de tu equipo, en palabras sencillas
ui-story-eyebrow-team = La historia de tu equipo, para el equipo
ui-term-hint = ¿Qué quiere decir?

## Cifras.
ui-in-numbers = En cifras
ui-everything-together = Todo junto
ui-no-measurements = Aún no hay medidas.
ui-everything-worked = del tiempo, todo funcionó.
ui-no-data = sin datos
ui-percent = { $value } %
ui-trouble-none = Ni un minuto de fallos en { $days }.
ui-trouble-total = Todos los fallos sumados dan { $duration } en { $days }.
ui-trouble-ratio = Son { $duration } de fallos en { $days }.
ui-trouble-unknown = Aún no tenemos medidas de este periodo.
ui-fact-nothing-broke = No se rompió nada
ui-fact-nothing-broke-text = Ni un problema que arreglar. Esta calma es fruto del trabajo, no de la suerte.
ui-fact-problems = { $count ->
    [one] 1 problema
   *[other] { $count } problemas
}
ui-fact-fixed-one = Quedó arreglado.
ui-fact-fixed-all = Todos quedaron arreglados.
ui-fact-fixed-some = { $fixed } arreglados, { $open } todavía en marcha.
ui-fact-typical-fix = Lo que se suele tardar en arreglar uno.
ui-fact-after-hours = { $count ->
    [one] 1 aviso fuera de horario
   *[other] { $count } avisos fuera de horario
}
ui-fact-after-hours-text = Alguien echó una mano de noche, por la tarde o en un día libre.
ui-fact-days = { $count ->
    [one] 1 día
   *[other] { $count } días
}
ui-fact-days-text = Desde la última gran caída, cuando algo dejó de funcionar para todos.

## Duraciones.
ui-zero-minutes = 0 minutos
ui-under-minute = menos de un minuto
ui-minutes = { $n ->
    [one] 1 minuto
   *[other] { $n } minutos
}
ui-hours = { $n ->
    [one] 1 hora
   *[other] { $n } horas
}
ui-days = { $n ->
    [one] 1 día
   *[other] { $n } días
}
ui-about-none = nada de tiempo
ui-about-minutes = { $n ->
    [one] cerca de 1 minuto
   *[other] unos { $n } minutos
}
ui-about-hours = { $n ->
    [one] cerca de una hora
   *[other] unas { $n } horas
}
ui-about-days = { $n ->
    [one] cerca de un día
   *[other] unos { $n } días
}

## Servicios y sus barras diarias.
ui-services-title = Cómo le fue a cada parte
ui-services-lead = Cada barra es un día: el más antiguo a la izquierda y hoy a la derecha. Señala una barra para ver ese día.
ui-services-none = Todavía no hay servicios conectados.
ui-service-no-trouble = Sin fallos en este periodo
ui-service-trouble = { $duration } de fallos en este periodo
ui-service-bars = Los últimos { $count } días de { $name }
ui-days-ago = hace { $count } días
ui-today = Hoy
ui-legend-title = Qué significa cada color
ui-state-up = Funciona
ui-state-degraded = Lento
ui-state-partial = Fallos parciales
ui-state-down = Caído
ui-state-maintenance = Mantenimiento programado
ui-state-no_data = Sin datos
ui-day-up = { $day }: funcionó todo el día
ui-day-degraded = { $day }: lento durante { $duration }
ui-day-partial = { $day }: fallos parciales durante { $duration }
ui-day-down = { $day }: caído durante { $duration }
ui-day-maintenance = { $day }: mantenimiento programado durante { $duration }
ui-day-no_data = { $day }: sin datos
ui-days-working = Funcionó { $up } de { $total } días
ui-days-trouble = fallos en { $count }
ui-days-planned = { $count } con mantenimiento programado
ui-days-no-data = { $count } sin datos

## Incidencias.
ui-incidents-title = Qué se rompió y quién lo arregló
ui-incidents-none = No se rompió nada en este periodo. Esta calma es fruto del trabajo, no de la suerte: salieron mejoras y todo siguió funcionando.
ui-incidents-lead = Las horas se muestran en tu propia zona horaria.
ui-still-going = Sigue en marcha
ui-still-open = Sigue abierta
ui-fixed = Arreglada
ui-big-outage = Gran caída
ui-at-night = De noche
ui-outside-hours = Fuera de horario
ui-what = Qué
ui-several-things = Varias cosas
ui-when = Cuándo
ui-how-long = Cuánto duró
ui-who-is-on-it = Quién se ocupa
ui-fixed-by = Lo arregló
ui-the-team = El equipo

## Agradecimientos.
ui-thanks-title = Agradecimientos
ui-thanks-intro = Fíjate en el trabajo callado. Da las gracias a quien dejó una noche para arreglar algo, o por una semana en la que nada se rompió porque alguien lo cuidó.
ui-say-thanks = Da las gracias
ui-from = De
ui-to = Para
ui-to-placeholder = Ana, Ben
ui-to-hint = Uno o más nombres, separados por comas.
ui-add-teammate = Añadir a un compañero
ui-message = Mensaje
ui-message-placeholder = Gracias por…
ui-send = Publicar agradecimiento
ui-sending = Enviando…
ui-sent = Tu agradecimiento para { $names } ya está en el muro.
ui-need-author = Di de parte de quién es el agradecimiento.
ui-need-recipients = Añade al menos a una persona a quien dar las gracias.
ui-need-message = Escribe unas palabras de agradecimiento.
ui-wall = El muro
ui-wall-empty = Todavía no hay agradecimientos. El primero suele ser el que más cuesta escribir, y el que más gusta leer.
ui-wall-to = para

## La vista del glosario.
ui-glossary-title = Glosario
ui-glossary-intro = Cada palabra que Unsung puede usar y que no es de todos los días, con lo que quiere decir.

## Cambiar notas, por qué se dan las gracias y notas que esperan a la base de datos del equipo.
ui-nav-settings = Ajustes
ui-thanks-edit-title = Cambia tu agradecimiento
ui-known-as = La base de datos del equipo te conoce como { $name }.
ui-what-for = Por qué
ui-about-clear = No es por esto
ui-about-hint = Opcional. Vincúlalo al periodo que estabas viendo, o empieza desde un incidente en Esta semana con «Dar las gracias a quien lo arregló».
ui-save-changes = Guardar los cambios
ui-cancel = Cancelar
ui-thanks-changed = Tus cambios están guardados.
ui-sent-waiting = Tu agradecimiento para { $names } está guardado. Ahora no se puede llegar a la base de datos del equipo, así que espera para enviarse; saldrá una sola vez, en cuanto se pueda.
ui-thanks-deleted = Tu agradecimiento está borrado.
ui-still-waiting = Sigue esperando: { $problem }
ui-waiting-sent = { $count ->
    [one] Se envió 1 nota que esperaba.
   *[other] Se enviaron { $count } notas que esperaban.
}
ui-waiting-summary = { $count ->
    [one] 1 nota espera para enviarse: no se puede llegar a la base de datos del equipo. Saldrá una sola vez, en cuanto se pueda.
   *[other] { $count } notas esperan para enviarse: no se puede llegar a la base de datos del equipo. Cada una saldrá una sola vez, en cuanto se pueda.
}
ui-try-now = Intentarlo ahora
ui-for = Por:
ui-edited = (editado)
ui-sample = Ejemplo
ui-not-sent = No enviado: la base de datos del equipo lo rechazó
ui-waiting = Esperando para enviarse
ui-edit = Editar
ui-delete = Borrar
ui-delete-confirm = ¿Seguro que lo borras?
ui-keep = Mantenerlo
ui-your-note-to = tu nota para { $names }
ui-thank-fixer = Dar las gracias a quien lo arregló

## Ajustes: las personas y la base de datos del equipo.
ui-settings-title = Ajustes
ui-people-title = Personas
ui-people-lead = Tu equipo, y los otros nombres que usan las herramientas para cada persona (como «ana.lopez» en tu herramienta de avisos), para que la historia y los agradecimientos llamen a cada uno por el nombre que conoces.
ui-people-none = Todavía no hay nadie. Añade a tus compañeros aquí abajo.
ui-aliases-for = Otros nombres de { $name }
ui-aliases-placeholder = Otros nombres, separados por comas
ui-save = Guardar
ui-remove = Quitar
ui-add-someone = Añadir a alguien
ui-name = Nombre
ui-aliases-optional = Otros nombres (opcional)
ui-aliases-example = ana.lopez, Ana L.
ui-add = Añadir
ui-need-name = Escribe primero el nombre de la persona.
ui-person-added = { $name } ya está en el equipo.
ui-aliases-saved = Guardados los otros nombres de { $name }.
ui-person-removed = { $name } ya no está en la lista.
ui-team-title = Base de datos del equipo
ui-team-lead = Con una base de datos del equipo (PostgreSQL), los agradecimientos y los datos sincronizados del equipo son de todos. Sin ella, se quedan en este ordenador. Unsung funciona sin conexión en los dos casos: las notas escritas cuando no se puede llegar a la base de datos del equipo esperan aquí y se envían en cuanto se puede.
ui-team-checking = Comprobando…
ui-team-reaching = Conectando con la base de datos del equipo… Mientras tanto ves lo que tiene este ordenador.
ui-team-none = No hay ninguna base de datos del equipo.
ui-team-connected = Conectado a { $url }.
ui-team-signed = Tus notas van firmadas como { $name }.
ui-team-not-member = Este rol todavía no está en el equipo: pregunta a quien administra la base de datos.
ui-team-unreachable = Ahora no se puede llegar a { $url }.
ui-team-unreachable-why = Ahora no se puede llegar a { $url }: { $problem }.
ui-team-waiting = { $count ->
    [one] 1 nota espera para enviarse.
   *[other] { $count } notas esperan para enviarse.
}
ui-team-send-now = Enviar ahora las notas que esperan
ui-team-fixed = Unsung recibió esta base de datos del equipo al arrancar, así que los ajustes no pueden cambiarla.
ui-team-url = Dirección (URL)
ui-team-url-placeholder = postgres://tu-rol@db.example.org/unsung
ui-team-url-hint = No pongas la contraseña: Unsung no guarda contraseñas. Ponla en ~/.pgpass, el archivo de contraseñas del propio PostgreSQL, como te explique quien administra la base de datos.
ui-team-stop = Dejar de usarla
ui-team-cleared = Sin base de datos del equipo: las notas se quedan en este ordenador.
ui-team-saved = La base de datos del equipo está guardada.
ui-team-all-sent = Se enviaron todas las notas que esperaban.

## Compartir: las palabras alrededor de la historia en tarjetas, páginas PDF, páginas web y textos.
share-team-ours = Nuestro equipo
share-trouble = { $duration } con fallos en { $span }.
share-no-trouble = Ni un minuto de fallos en { $span }.
share-no-data = Todavía no hay registro de cómo funcionó todo en { $span }.
share-span = { $days ->
    [0] menos de un día
    [one] un día
   *[other] { $days } días
}
share-thanks-names = Gracias, { $names }, por el trabajo callado que lo mantiene todo en marcha.
share-thanks-everyone = Gracias a todas las personas que lo mantuvieron todo en marcha.
share-last-days = Los últimos { $days } días
share-what-happened = Qué pasó
share-nothing-broke = No se rompió nada en este periodo.
share-problems-fixed = { $count ->
    [one] Hubo un problema, y se arregló.
   *[other] Hubo { $count } problemas, y se arreglaron todos.
}
share-problems-open = { $count ->
    [one] Hubo un problema; todavía se está arreglando.
   *[other] Hubo { $count } problemas; { $open ->
        [one] uno todavía se está arreglando.
       *[other] { $open } todavía se están arreglando.
    }
}
share-earlier-fixed = { $count ->
    [one] Y un problema anterior, ya arreglado.
   *[other] Y { $count } problemas anteriores, todos arreglados.
}
share-earlier-open = { $count ->
    [one] Y un problema anterior, que todavía se está arreglando.
   *[other] Y { $count } problemas anteriores; { $open ->
        [one] uno todavía se está arreglando.
       *[other] { $open } todavía se están arreglando.
    }
}
share-made-with = Hecho con Unsung
share-page = Página { $page } de { $pages }
share-day = { DATETIME($date, day: "numeric", month: "long") }
share-uptime-no-data = sin datos
share-private-server = un servidor
share-private-system = un sistema
share-private-web-page = una página web
share-private-email = una dirección de correo
share-private-customer = un cliente
share-private-teammate = alguien del equipo
share-private-and = y
share-private-teammates = { $count ->
    [2] dos personas del equipo
    [3] tres personas del equipo
    [4] cuatro personas del equipo
    [5] cinco personas del equipo
   *[other] { $count } personas del equipo
}
share-save-title = Guardar la historia

## La vista Compartir.
ui-nav-share = Compartir
ui-share-title = Comparte esta historia
ui-share-lead = Envía la historia a alguien que nunca ve este trabajo: como imagen, PDF, página web o un texto corto.
ui-share-how = Cómo compartir
ui-share-format = Formato
ui-share-format-png = Imagen
ui-share-format-pdf = PDF
ui-share-format-html = Página web
ui-share-format-text = Texto
ui-share-hint-png = Una tarjeta para un chat o un álbum de fotos.
ui-share-hint-pdf = Toda la historia en una página, lista para imprimir.
ui-share-hint-html = Un solo archivo que se abre en cualquier navegador, incluso sin conexión.
ui-share-hint-text = Palabras sencillas para un mensaje.
ui-share-size = Tamaño
ui-share-size-landscape = Ancha (1200 × 630)
ui-share-size-portrait = Alta (1080 × 1350)
ui-share-privacy = Privacidad
ui-share-privacy-hint = Antes de que nada salga de este ordenador, Unsung quita los nombres de servidores, las direcciones web y de red, y los nombres de los sistemas internos (cada sistema aparece con su nombre sencillo).
ui-share-keep-names = Mantener los nombres del equipo
ui-share-keep-names-hint = (si no, cada nombre aparece como «alguien del equipo»)
ui-share-customers = Nombres de clientes que se quitan
ui-share-customers-placeholder = Un nombre por línea
ui-share-customers-hint = Se guarda solo en este ordenador. Cada nombre aparece como «un cliente».
ui-share-save = Guardar…
ui-share-copy = Copiar texto
ui-share-saved = Guardado en { $path } ({ $size }).
ui-share-copied = Texto de la historia copiado. Pégalo en cualquier mensaje.
ui-share-preview = Lo que se compartirá
ui-share-image-alt = La imagen que se compartirá; sus palabras están debajo.
ui-share-page-alt = Página { $page } del informe PDF.
ui-share-html-note = La página web cuenta estas palabras, con los 90 días y cada parte dibujados como barras de colores.
ui-share-words = Sus palabras
ui-share-drawing = Dibujando la vista previa…
ui-share-bytes = { $n } bytes
ui-share-kb = { $n } KB
ui-share-mb = { $n } MB

## Ajustes → Fuentes, y Sincronizar ahora.
ui-sources-title = Fuentes
ui-sources-lead = Las herramientas que Unsung lee para contar la historia de tu equipo: donde se avisa de los incidentes, una página de estado, las comprobaciones de disponibilidad. Unsung solo lee de ellas. Los tokens se guardan en el llavero de este ordenador (o, si no hay ninguno, en un archivo que solo tú puedes leer), nunca en la base de datos, y no se vuelven a mostrar.
ui-sources-none = Todavía no hay fuentes. Hasta que añadas una, Unsung muestra el equipo de demostración.
ui-source-kind = Tipo de fuente
ui-source-kind-pagerduty = PagerDuty
ui-source-kind-statuspage = Página de estado (Atlassian Statuspage)
ui-source-kind-uptime-kuma = Uptime Kuma
ui-source-kind-prometheus = Prometheus
ui-source-kind-csv = Archivo CSV
ui-source-kind-incident-io = incident.io
ui-source-kind-better-stack = Better Stack Uptime
ui-source-kind-uptimerobot = UptimeRobot
ui-source-kind-grafana-oncall = Grafana OnCall (o Grafana Cloud IRM)
ui-source-kind-gatus = Gatus
ui-source-kind-github = GitHub (mejoras publicadas)
ui-source-about-pagerduty = Los incidentes de tu cuenta de PagerDuty: cuándo empezaron, a quién se avisó y quién los arregló.
ui-source-about-statuspage = Incidentes y mantenimientos previstos de una página de estado pública hecha con Atlassian Statuspage.
ui-source-about-uptime-kuma = Disponibilidad e incidentes de una página de estado de Uptime Kuma.
ui-source-about-prometheus = Disponibilidad a partir de una serie de Prometheus que vale 1 mientras un servicio funciona y 0 mientras no.
ui-source-about-csv = Incidentes que apuntas en una hoja de cálculo, guardada como archivo CSV en este ordenador.
ui-source-about-incident-io = Los incidentes de tu cuenta de incident.io: su gravedad, quién los dirigió y cuándo se arreglaron.
ui-source-about-better-stack = Disponibilidad e incidentes de tus monitores de Better Stack.
ui-source-about-uptimerobot = Disponibilidad y caídas de tus monitores de UptimeRobot.
ui-source-about-grafana-oncall = Los grupos de alertas de Grafana OnCall: cuándo empezaron y quién los resolvió.
ui-source-about-gatus = Disponibilidad a partir de las comprobaciones de una página de estado de Gatus.
ui-source-about-github = Las versiones y los despliegues correctos de los repositorios que indiques, como mejoras que tu equipo publicó.
ui-source-name = Nombre
ui-source-name-hint = Letras, cifras, guiones o puntos. Déjalo vacío para llamarla «{ $kind }».
ui-source-pagerduty-token = Token de la API (solo lectura)
ui-source-pagerduty-token-hint = En PagerDuty: Integrations → API Access Keys → crea una clave de solo lectura. Se guarda en el llavero (o en un archivo que solo tú puedes leer) y no se vuelve a mostrar.
ui-source-pagerduty-url = Dirección (opcional)
ui-source-pagerduty-url-hint = Déjala vacía, salvo que tu cuenta esté en el servicio europeo de PagerDuty: entonces escribe https://api.eu.pagerduty.com
ui-source-statuspage-url = Dirección de la página de estado
ui-source-statuspage-url-hint = La página que ven tus clientes. No hace falta token.
ui-source-uptime-kuma-url = Dirección de Uptime Kuma
ui-source-uptime-kuma-slug = Nombre de la página de estado (slug)
ui-source-uptime-kuma-slug-hint = La última parte de la dirección de la página de estado: para …/status/default es «default».
ui-source-prometheus-url = Dirección de Prometheus
ui-source-prometheus-query = Consulta
ui-source-prometheus-query-hint = Una serie que vale 1 mientras un servicio funciona y 0 mientras no, como probe_success o up.
ui-source-prometheus-service_label = Etiqueta que nombra cada servicio (opcional)
ui-source-prometheus-service_label-hint = Si la dejas vacía: instance.
ui-source-prometheus-token = Token de portador (opcional)
ui-source-prometheus-token-hint = Solo si tu Prometheus lo pide. Se guarda en el llavero (o en un archivo que solo tú puedes leer) y no se vuelve a mostrar.
ui-source-csv-file = Archivo
ui-source-csv-file-hint = La ruta completa del archivo CSV en este ordenador.
ui-source-incident-io-token = Clave de la API (solo lectura)
ui-source-incident-io-token-hint = En incident.io: Settings → API keys → añade una clave que solo pueda ver los datos de los incidentes. Se guarda en el llavero (o en un archivo que solo tú puedes leer) y no se vuelve a mostrar.
ui-source-incident-io-url = Dirección (opcional)
ui-source-incident-io-url-hint = Déjala vacía para usar la API pública de incident.io, https://api.incident.io
ui-source-better-stack-token = Token de la API de Uptime
ui-source-better-stack-token-hint = En Better Stack: API tokens → Team-based tokens → elige tu equipo → Uptime API tokens. Se guarda en el llavero (o en un archivo que solo tú puedes leer) y no se vuelve a mostrar.
ui-source-better-stack-url = Dirección (opcional)
ui-source-better-stack-url-hint = Déjala vacía para usar la API pública de Better Stack, https://uptime.betterstack.com
ui-source-uptimerobot-token = Clave de la API de solo lectura
ui-source-uptimerobot-token-hint = En UptimeRobot: Integrations & API → API → la clave de la API de solo lectura (read-only). Se guarda en el llavero (o en un archivo que solo tú puedes leer) y no se vuelve a mostrar.
ui-source-uptimerobot-url = Dirección (opcional)
ui-source-uptimerobot-url-hint = Déjala vacía para usar la API pública de UptimeRobot, https://api.uptimerobot.com
ui-source-grafana-oncall-url = Dirección de la API de OnCall
ui-source-grafana-oncall-url-hint = En Grafana Cloud aparece en IRM → Settings → Admin & API. En tu propio servidor: la dirección de Grafana OnCall.
ui-source-grafana-oncall-stack_url = Dirección del stack de Grafana Cloud (opcional)
ui-source-grafana-oncall-stack_url-hint = Solo para Grafana Cloud: la dirección de tu stack, como https://tuequipo.grafana.net. Déjala vacía con tu propio servidor.
ui-source-grafana-oncall-token = Token de la API (solo lectura)
ui-source-grafana-oncall-token-hint = Un token de cuenta de servicio de Grafana que solo pueda leer, o una clave de la API de OnCall. Se guarda en el llavero (o en un archivo que solo tú puedes leer) y no se vuelve a mostrar.
ui-source-gatus-url = Dirección de Gatus
ui-source-gatus-url-hint = La página de estado que muestra Gatus. No hace falta token.
ui-source-github-token = Token de permisos detallados (solo lectura)
ui-source-github-token-hint = En GitHub: Settings → Developer settings → Fine-grained tokens, con acceso de lectura a Contents y Deployments de estos repositorios. Se guarda en el llavero (o en un archivo que solo tú puedes leer) y no se vuelve a mostrar.
ui-source-github-repos = Repositorios
ui-source-github-repos-hint = Uno por línea, o separados por comas, escritos propietario/nombre, como octo-org/web.
ui-source-github-url = Dirección (opcional)
ui-source-github-url-hint = Déjala vacía para usar la API pública de GitHub, https://api.github.com. Con GitHub Enterprise Server: https://tu-servidor/api/v3
ui-source-add-title = Añadir una fuente
ui-source-add = Añadir fuente
ui-source-adding = Añadiendo…
ui-source-added = «{ $name }» está añadida. Sincroniza ahora para traer lo que sabe.
ui-source-missing = Rellena primero «{ $field }».
ui-source-address = Lee de
ui-source-page = página «{ $slug }»
ui-source-query = { $query }, un servicio por cada { $label }
ui-source-repos = { $count ->
    [one] repositorio { $repos }
   *[other] repositorios { $repos }
}
ui-source-stack = stack de Grafana { $stack }
ui-source-repo-bad = «{ $repo }» no es un repositorio: escríbelo como propietario/nombre, por ejemplo octo-org/web.
ui-source-token = Token guardado
ui-source-token-no = No
ui-source-token-keychain = Sí, en el llavero del sistema
ui-source-token-file = Sí, en un archivo privado, porque en este ordenador no funciona ningún llavero
ui-source-data = Ha traído
ui-source-counts = { $services ->
    [one] 1 servicio
   *[other] { $services } servicios
}, { $incidents ->
    [one] 1 incidente
   *[other] { $incidents } incidentes
}
ui-source-last-sync = Última sincronización
ui-source-never = Todavía sin sincronizar
ui-source-synced-at = { $time }: bien
ui-source-failed-at = { $time }: no se pudo sincronizar
ui-source-last-good = Última sincronización buena: { $time }
ui-source-test = Probar la conexión
ui-source-testing = Probando…
ui-source-remove-confirm = ¿Seguro que la quitas?
ui-source-remove-warning = Esto quita «{ $name }», su token y todo lo que trajo.
ui-source-removing = Quitando…
ui-source-removed = «{ $name }» está quitada, con su token y lo que trajo.
ui-sync-now = Sincronizar ahora
ui-sync-running = Sincronizando…
ui-sync-starting = Empezando a sincronizar…
ui-sync-source = Sincronizando «{ $name }», { $n } de { $total }…
ui-sync-step = Sincronizando «{ $name }», { $n } de { $total }: { $step }…
ui-sync-nothing = Todavía no hay fuentes que sincronizar.
ui-sync-all = { $count ->
    [one] «{ $name }» está sincronizada.
   *[other] Las { $count } fuentes están sincronizadas.
}
ui-sync-one-failed = 1 fuente no se pudo sincronizar («{ $name }»): { $message }
ui-sync-many-failed = { $count } fuentes no se pudieron sincronizar.
ui-sync-kept = Se conservan los datos anteriores.
ui-sync-others-ok = { $count ->
    [one] La otra fuente está sincronizada.
   *[other] Las otras { $count } fuentes están sincronizadas.
}
ui-sync-error = No se pudo sincronizar: { $message }
ui-figures-as-of = Cifras a { $time }.
ui-sources-see-demo = Echar un vistazo con el equipo de demostración

## Primer arranque: la bienvenida.
ui-welcome-title = Te damos la bienvenida a Unsung
ui-welcome-lead = Unsung es para quienes mantienen los sistemas en marcha. Lee las herramientas que tu equipo ya usa y cuenta la historia de la semana con palabras sencillas: qué funcionó, qué se rompió y quién lo arregló, a menudo de noche. Compártela con la gente que te importa y da las gracias a los compañeros que hicieron el trabajo silencioso.
ui-welcome-ask = Primero, un poco sobre ti. Puedes cambiarlo cuando quieras en Ajustes.
ui-welcome-next = ¿Y ahora?
ui-welcome-connect = Conectar una fuente
ui-welcome-demo = Echar un vistazo con el equipo de demostración
ui-welcome-demo-hint = El equipo de demostración son datos de ejemplo, siempre señalados como tales. Sigue a un clic en Ajustes → Fuentes.
ui-welcome-saving = Guardando…

## Tú: nombre, zona horaria y horario de trabajo (la bienvenida y Ajustes).
ui-you-title = Tú
ui-you-lead = Las fechas se muestran en tu zona horaria, y los problemas arreglados fuera de tu horario cuentan como tiempo que alguien cedió.
ui-you-name = Tu nombre
ui-you-name-hint = Opcional. Firma tus notas de agradecimiento.
ui-you-tz = Zona horaria
ui-you-tz-now = Allí son ahora las { $time }.
ui-you-tz-machine = { $zone } (este equipo)
ui-zone-region = { $region ->
    [Africa] África
    [America] América
    [Antarctica] Antártida
    [Arctic] Ártico
    [Asia] Asia
    [Atlantic] Océano Atlántico
    [Australia] Australia
    [Europe] Europa
    [Indian] Océano Índico
    [Pacific] Océano Pacífico
   *[other] { $region }
}
ui-you-hours = Horario de trabajo
ui-you-start = Empieza
ui-you-end = Termina
ui-you-days = Días de trabajo
ui-you-saved = Tus ajustes están guardados.

## El aviso de la historia semanal.
ui-weekly-title = Historia semanal
ui-weekly-lead = Un breve aviso en el escritorio cuando la historia de la nueva semana está lista, para empezar la semana con lo que salió bien.
ui-weekly-enabled = Avísame cuando la historia de la nueva semana esté lista
ui-weekly-day = Día
ui-weekly-hour = Hora
ui-weekly-sentence = El { $day } a las { $time }, Unsung te avisa de que la historia de la nueva semana está lista (si la aplicación está abierta, primero sincroniza).
ui-weekly-off = Unsung no enviará ningún aviso. La historia está aquí siempre que abras la aplicación.
ui-weekly-cli = En un ordenador sin la aplicación, como un servidor, { $command } escribe la historia de la semana en una terminal. Ejecútalo desde cron para recibirla por correo cada semana: el README tiene la línea.
ui-weekly-saved = El aviso semanal está guardado.

## El Día del Administrador de Sistemas.
ui-sysadmin-title = Hoy es el Día del Administrador de Sistemas
ui-sysadmin-text = El último viernes de julio es el Día del Administrador de Sistemas: un buen día para dar las gracias a los compañeros que mantienen todo en marcha, casi siempre sin que nadie lo note.
ui-sysadmin-thank = Escribir un agradecimiento

## Errores, redactados a partir de su código y sus datos (el mensaje de la app está en inglés)
ui-error-invalid_input = Algo de lo que escribiste no se puede usar. Revísalo y vuelve a intentarlo.
ui-error-not_found = Eso ya no está aquí. Puede que se haya quitado.
ui-error-forbidden = Eso no te toca cambiarlo: la base de datos del equipo lo ha rechazado.
ui-error-offline = Ahora no se puede llegar a la base de datos del equipo. Inténtalo más tarde; las notas esperan y se envían cuando vuelva.
ui-error-storage = Unsung no pudo leer ni escribir su base de datos. Vuelve a intentarlo; si sigue pasando, reinicia Unsung.
ui-error-source_failed = La fuente no respondió como se esperaba. Se conservan los datos anteriores; inténtalo más tarde.
ui-error-internal = Algo ha fallado dentro de Unsung. Vuelve a intentarlo.
ui-error-setting_needed = { $setting ->
    [url] Una fuente { $kind } necesita su dirección web.
    [file] Una fuente { $kind } necesita el archivo CSV que leer.
    [slug] Una fuente { $kind } necesita el nombre de la página de estado, tal como aparece en su dirección.
    [query] Una fuente { $kind } necesita una consulta de una serie 0/1, como probe_success.
   *[repos] Una fuente { $kind } necesita al menos un repositorio, escrito propietario/nombre.
}
ui-error-token_needed = Una fuente { $kind } necesita un token de la API de solo lectura: pégalo en el campo del token.
ui-error-token_not_taken = Una fuente { $kind } no usa token: deja vacío el campo del token.
ui-error-no_token_set = «{ $source }» no tiene token: pega uno en Ajustes → Fuentes.
ui-error-no_settings = «{ $source }» no tiene ajustes: quítala y vuelve a añadirla en Ajustes → Fuentes.
ui-error-no_such_source = No hay ninguna fuente llamada «{ $source }».
ui-error-local_db_is_postgres = La base de datos local es un archivo de este equipo; una base de datos PostgreSQL va en Ajustes → Base de datos del equipo.
ui-error-team_db_set_at_start = La base de datos del equipo se eligió al arrancar Unsung, así que no se puede cambiar aquí hasta que Unsung arranque sin ella.
ui-error-no_home_folder = Unsung no encuentra una carpeta personal donde guardar su base de datos.
## Por qué una fuente no se sincronizó
ui-sync-problem-no_settings = no tiene ajustes; quítala y vuelve a añadirla.
ui-sync-problem-no_token = no tiene token; pega uno en Ajustes → Fuentes.
ui-sync-problem-settings = sus ajustes no funcionan; revísalos en Ajustes → Fuentes.
ui-sync-problem-token_refused = rechazó el token; pega un token válido de solo lectura en Ajustes → Fuentes.
ui-sync-problem-rate_limited = pidió a Unsung que fuera más despacio; inténtalo dentro de unos minutos.
ui-sync-problem-unreachable = no se pudo llegar a ella; puede que no haya red o que la dirección esté mal.
ui-sync-problem-timeout = tardó demasiado en responder; inténtalo más tarde.
ui-sync-problem-server_error = siguió fallando por su parte; inténtalo más tarde.
ui-sync-problem-not_found = no hay nada en su dirección; revisa la dirección en Ajustes → Fuentes.
ui-sync-problem-bad_response = su respuesta no se pudo leer; comprueba que la dirección lleva a la herramienta correcta.

## "¿Qué mejoró?" en la tarjeta de un incidente
ui-better-title = ¿Qué mejoró?
ui-better-label = Lo que cambió el equipo, en una o dos frases sencillas para la familia
ui-better-hint = Por ejemplo: «Pusimos un aviso temprano, así la próxima vez lo sabremos antes que los clientes».
ui-better-source = Lo que dicen las herramientas del equipo (palabras técnicas, no se muestran a la familia):
ui-better-start-from = Empezar desde aquí
ui-better-grade = Se lee como el curso { $grade }:
ui-better-ease = Facilidad de lectura { $ease } sobre 100:
ui-better-plain-enough = lo bastante sencillo para la familia.
ui-better-too-hard = más difícil de lo que permite la historia para la familia; prueba palabras y frases más cortas.
ui-better-long = Las frases de más de 20 palabras están subrayadas: prueba a partirlas.
ui-better-marked = Tu texto, con lo que conviene revisar marcado
ui-better-jargon = Palabras que la familia quizá no conozca
ui-better-use-plain = Usar «{ $plain }»
ui-better-use-plain-for = en vez de «{ $word }»
ui-better-practice = Fue un simulacro (planeado, a propósito): no cuenta como algo que falló
ui-better-saved = Guardado. La historia ya lo cuenta.
ui-better-written-by = Escrito por { $name }
ui-better-edited-by = cambiado por última vez por { $name }
ui-better-none-yet = Nadie ha contado todavía qué mejoró.
ui-kind-drill = Simulacro
ui-kind-maintenance = Trabajo planeado

## Ajustes → Nombres de los servicios
ui-service-names-title = Nombres de los servicios
ui-service-names-lead = Los nombres con los que la gente de fuera del equipo conoce tus servicios. La historia para la familia los usa en lugar de los nombres de las herramientas.
ui-service-names-internal = Tus herramientas lo llaman { $name }
ui-service-names-label = Nombre sencillo para { $name }
ui-service-names-use = Usar «{ $name }»
ui-service-names-saved = Nombres de los servicios guardados.
ui-service-names-none = Todavía no hay servicios: conecta antes una fuente.
ui-service-names-ask = Ya tienes tus servicios. Dales los nombres que tu familia entendería, para que la historia se lea bien.
ui-service-names-ask-go = Poner nombre a los servicios
