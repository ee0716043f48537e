## La historia de un periodo, en frases cortas que entiende cualquiera.
## El atributo `.terms` de un mensaje lista los términos del glosario que usa (ids de
## glossary.ftl), para explicar el primer uso en cada historia. Las fechas llegan como
## AAAA-MM-DD en la zona horaria de quien lee.

## El periodo, con fechas absolutas.
story-title-same-month = Del { DATETIME($from, weekday: "long") } { $fromDay } al { DATETIME($to, weekday: "long") } { DATETIME($to, day: "numeric", month: "long") } de { $year }
story-title = Del { DATETIME($from, weekday: "long") } { DATETIME($from, day: "numeric", month: "long") } al { DATETIME($to, weekday: "long") } { DATETIME($to, day: "numeric", month: "long") } de { $year }
story-title-years = Del { DATETIME($from, weekday: "long") } { DATETIME($from, day: "numeric", month: "long", year: "numeric") } al { DATETIME($to, weekday: "long") } { DATETIME($to, day: "numeric", month: "long", year: "numeric") }
story-title-day = { DATETIME($from, weekday: "long", day: "numeric", month: "long", year: "numeric") }

## El titular: primero el resultado, después la cifra.
story-headline-no-data = Aún no sabemos cómo fueron las cosas en estas fechas.
## Sin ningún dato de disponibilidad, el titular empieza por lo que hizo el equipo.
story-headline-fixed = El equipo arregló { $fixed ->
    [one] un problema
   *[other] { $fixed } problemas
} { $days ->
    [one] ese día.
   *[other] en { $days } días.
}
story-headline-working = { $open ->
    [one] El equipo está trabajando en un problema.
   *[other] El equipo está trabajando en { $open } problemas.
}
story-headline-perfect = Todo funcionó bien todo el tiempo.
story-headline-almost = Todo funcionó bien casi siempre ({ $percent } %).
story-headline-mostly = Todo funcionó bien la mayor parte del tiempo ({ $percent } %).
story-headline-rough = { $unit ->
    [day] Fue un día difícil: todo funcionó bien solo el { $percent } % del tiempo.
    [week] Fue una semana difícil: todo funcionó bien solo el { $percent } % del tiempo.
    [month] Fue un mes difícil: todo funcionó bien solo el { $percent } % del tiempo.
    [quarter] Fueron tres meses difíciles: todo funcionó bien solo el { $percent } % del tiempo.
    [year] Fue un año difícil: todo funcionó bien solo el { $percent } % del tiempo.
   *[days] Fueron unos días difíciles: todo funcionó bien solo el { $percent } % del tiempo.
}

## El tiempo en marcha, contado con tiempo de cada día.
story-looks-after = { $count ->
    [one] El equipo cuida de una sola cosa: { $examples }.
   *[other] El equipo cuida de { $count } cosas, como { $examples }.
}
story-looks-after-unnamed = { $count ->
    [one] El equipo cuida de una sola cosa.
   *[other] El equipo cuida de { $count } cosas.
}
story-no-trouble = { $days ->
    [one] Ni un minuto de fallos en todo el día. Eso es fruto del trabajo, no de la suerte.
   *[other] Ni un minuto de fallos en { $days } días. Eso es fruto del trabajo, no de la suerte.
}
story-trouble = { $days ->
    [one] En total, hubo fallos durante { $duration } ese día.
   *[other] En total, hubo fallos durante { $duration } en { $days } días.
}
story-trouble-everyday = Es { $comparison }.
story-gaps = Durante parte de este tiempo, algunas partes no dieron señales, así que ese tiempo no cuenta.
story-team-downtime = { $count ->
    [one] El tiempo de inactividad sumó { $duration } en el único servicio.
   *[other] El tiempo de inactividad sumó { $duration } entre { $count } servicios.
}
    .terms = downtime, service
story-team-no-downtime = { $count ->
    [one] Ningún tiempo de inactividad en el único servicio.
   *[other] Ningún tiempo de inactividad entre { $count } servicios.
}
    .terms = downtime, service
story-team-gaps = Algunos servicios estuvieron sin datos parte de este tiempo; ese rato no cuenta ni a favor ni en contra.
    .terms = service, no-data

## Comparaciones de cada día, de la más corta a la más larga: se usa la primera que dura
## más que los fallos. `.minutes` es lo que dura aquí cada cosa.
everyday-song = menos que una canción en la radio
    .minutes = 3
everyday-coffee = menos que tomarse un café en la barra
    .minutes = 10
everyday-sobremesa = menos que una sobremesa
    .minutes = 60
everyday-match = menos que un partido de fútbol
    .minutes = 105
everyday-film = menos que una película larga
    .minutes = 150
everyday-workday = menos que una jornada de trabajo
    .minutes = 480

## Comparado con el periodo anterior.
story-compare-calmer = { $unit ->
    [day] Fue un día más tranquilo que el anterior.
    [week] Fue una semana más tranquila que la anterior.
    [month] Fue un mes más tranquilo que el anterior.
    [quarter] Estos tres meses fueron más tranquilos que los tres anteriores.
    [year] Fue un año más tranquilo que el anterior.
   *[days] Estos { $days } días fueron más tranquilos que los { $days } anteriores.
}
story-compare-busier = { $unit ->
    [day] Hubo más que arreglar que el día anterior.
    [week] Hubo más que arreglar que la semana anterior.
    [month] Hubo más que arreglar que el mes anterior.
    [quarter] Hubo más que arreglar que en los tres meses anteriores.
    [year] Hubo más que arreglar que el año anterior.
   *[days] Hubo más que arreglar que en los { $days } días anteriores.
}
story-compare-quiet-too = { $unit ->
    [day] El día anterior fue igual de tranquilo.
    [week] La semana anterior fue igual de tranquila.
    [month] El mes anterior fue igual de tranquilo.
    [quarter] Los tres meses anteriores fueron igual de tranquilos.
    [year] El año anterior fue igual de tranquilo.
   *[days] Los { $days } días anteriores fueron igual de tranquilos.
}

## Qué se rompió y cuánto se tardó en arreglarlo.
story-nothing-broke = No se rompió nada.
story-problems = { $count ->
    [one] Surgió un problema.
   *[other] Surgieron { $count } problemas.
}
story-problem-down = En { $service } hubo fallos durante { $duration }, { $when }.
story-problem-slow = En { $service } todo fue lento durante { $duration }, { $when }.
story-problem-unseen = El equipo arregló un problema en { $service } { $when }, antes de que nadie lo notara.
story-problem-open-down = En { $service } hay fallos desde { $since }.
story-problem-open-slow = En { $service } todo va lento desde { $since }.
story-problem-open-unseen = En { $service } hay un problema desde { $since }, pero todo sigue funcionando.
## Sin datos que digan qué notó la gente: no se afirma nada. El primero que se cuenta es
## "first" (o "big" si fue la gran caída), luego "second" y después "other".
story-problem-fixed = { $nth ->
    [big] El problema más grande fue en { $service }, { $when }. El equipo lo arregló en { $duration }.
    [first] En { $service } hubo un problema { $when }. El equipo lo arregló en { $duration }.
    [second] En { $service } hubo otro { $when }, y arreglarlo llevó { $duration }.
   *[other] { $service } necesitó { $duration } de trabajo { $when }.
}
story-problem-open = En { $service } hay un problema desde { $since }.
story-working-on = El equipo ya está en ello.
story-problems-more = { $count ->
    [one] Hubo además otro problema más pequeño.
   *[other] Hubo además otros { $count } problemas más pequeños.
}
story-fixed-one = El equipo lo arregló en { $duration }.
story-fixed-all = El equipo los arregló todos.
story-fixed-some = { $fixed ->
    [one] El equipo arregló uno de ellos.
   *[other] El equipo arregló { $fixed } de ellos.
}
story-fix-times = Un arreglo típico llevó { $typical }, y el más largo, { $longest }.
story-still-open = { $count ->
    [one] Todavía queda un problema por resolver.
   *[other] Todavía quedan { $count } problemas por resolver.
}
story-some-part = una parte del sistema
## Partes sin nombre amable, contadas una tras otra.
story-part = { $nth ->
    [first] una parte del sistema
    [second] otra parte del sistema
    [third] otra parte más
    [same] esa misma parte
   *[other] otra parte más
}
story-only-problems = Esta historia solo cuenta los problemas. Aquí no hay nada que diga cuánto tiempo funcionó todo bien.
story-when = el { DATETIME($date, weekday: "long") } { DATETIME($date, day: "numeric", month: "long") } { $part ->
    [early] de madrugada
    [morning] por la mañana
    [afternoon] por la tarde
    [evening] por la tarde
   *[late] por la noche
}
story-since = { $hour ->
    [one] la
   *[other] las
} { DATETIME($at, hour: "numeric", minute: "numeric") } del { DATETIME($at, weekday: "long") } { DATETIME($at, day: "numeric", month: "long") }

## La versión del equipo nombra servicios e incidencias como lo hacen las fuentes.
story-team-incidents = { $count ->
    [one] Una incidencia.
   *[other] { $count } incidencias.
}
    .terms = incident
story-team-fixed = { $service }: { $title }. Lo arregló { $who } en { $duration }, { $when }.
story-team-fixed-nobody = { $service }: { $title }. Arreglado en { $duration }, { $when }.
story-team-open = { $service }: { $title }. Sigue abierta desde { $since }.
story-team-incidents-grouped = { $services ->
    [one] { $count } incidencias, todas en un servicio.
   *[other] { $count } incidencias, en { $services } servicios.
}
    .terms = incident, service
story-team-service = { $service }: { $count } incidencias.
    .terms = incident
story-team-service-open = { $service }: { $count } incidencias, { $open ->
    [one] una sigue abierta
   *[other] { $open } siguen abiertas
}.
    .terms = incident
story-team-worst-fixed = La más grave: { $title }. La arregló { $who } en { $duration }.
story-team-worst-fixed-nobody = La más grave: { $title }. Arreglada en { $duration }.
story-team-worst-open = La más grave: { $title }. Abierta desde { $since }.
story-team-more-services = { $services ->
    [one] Y un servicio más, con { $count ->
        [one] una incidencia
       *[other] { $count } incidencias
    }.
   *[other] Y { $services } servicios más, con { $count } incidencias.
}
    .terms = service, incident
story-team-only-incidents = Ninguna fuente da la disponibilidad, así que solo se cuentan las incidencias.
    .terms = uptime, incident
story-team-fix-times = Mediana del tiempo de arreglo: { $typical }. El más largo: { $longest }.
    .terms = median, time-to-fix

## Qué mejoró: nuestra frase y después las palabras que alguien escribió en la app, tal cual.
story-better-after-down = Tras los fallos en { $service } { $when }, el equipo hizo un cambio.
story-better-after-slow = Tras la lentitud en { $service } { $when }, el equipo hizo un cambio.
story-better-after-unseen = Tras un problema en { $service } { $when }, el equipo hizo un cambio.
story-better-words = { $text }
story-better-more = { $count ->
    [one] El equipo hizo otro cambio así.
   *[other] El equipo hizo otros { $count } cambios así.
}
story-team-better = { $service }: { $title }. Qué mejoró, según { $who }:
story-team-better-missing = { $count ->
    [one] Una incidencia arreglada aún no tiene «qué mejoró». Puedes añadirlo en su tarjeta.
   *[other] { $count } incidencias arregladas aún no tienen «qué mejoró». Puedes añadirlo en la tarjeta de cada una.
}
    .terms = incident

## Quién trabajó fuera de su horario. Con más de tres personas, se cuentan en vez de nombrarlas;
## las ya nombradas en la frase anterior son "las mismas personas".
story-people-more = { $first }, { $second } y { $others ->
    [one] otra persona
   *[other] otras { $others } personas
}
## La segunda vez, sin sujeto: «Empezaron antes de su hora...».
story-people-same = { $again ->
    [again] {""}
   *[first] las mismas { $count } personas
}
story-night = { $people ->
    [one] { $names } se levantó de noche
   *[other] { $names } se levantaron de noche
} para ocuparse de { $count ->
    [one] un problema
   *[other] { $count } problemas
}.
story-early = { $people ->
    [one] { $names } empezó antes de su hora
   *[other] { $names } empezaron antes de su hora
} para ocuparse de { $count ->
    [one] un problema
   *[other] { $count } problemas
}.
story-late = { $people ->
    [one] { $names } se quedó hasta tarde
   *[other] { $names } se quedaron hasta tarde
} para ocuparse de { $count ->
    [one] un problema
   *[other] { $count } problemas
}.
story-day-off = { $people ->
    [one] { $names } dejó parte de su día libre
   *[other] { $names } dejaron parte de su día libre
} para ocuparse de { $count ->
    [one] un problema
   *[other] { $count } problemas
}.

## Días desde la última gran caída.
story-since-outage = La última gran caída fue el { DATETIME($date, weekday: "long") } { DATETIME($date, day: "numeric", month: "long") }. Desde entonces han pasado { $days } días sin ninguna.
    .terms = outage
story-outage-in-period = Hubo una gran caída el { DATETIME($date, weekday: "long") } { DATETIME($date, day: "numeric", month: "long") }.
    .terms = outage

## Logros callados.
story-updates = { $count ->
    [one] El equipo también lanzó una mejora.
   *[other] El equipo también lanzó { $count } mejoras.
}
story-updates-clean = { $count ->
    [one] El equipo también lanzó una mejora, y no dio ningún problema.
   *[other] El equipo también lanzó { $count } mejoras, y ninguna dio problemas.
}
story-upkeep = También hicieron { $duration } de mantenimiento programado.
    .terms = maintenance
story-upkeep-unnoticed = También hicieron { $duration } de mantenimiento programado, y nadie lo notó.
    .terms = maintenance
story-team-deploys = { $count ->
    [one] Salió un despliegue.
   *[other] Salieron { $count } despliegues.
}
    .terms = deploy
story-team-maintenance = Mantenimiento programado: { $duration }.
    .terms = maintenance
story-team-maintenance-unnoticed = Mantenimiento programado: { $duration }, sin ninguna incidencia durante ese tiempo.
    .terms = maintenance, incident

## Práctica que nadie notó: simulacros (partes apagadas a propósito) y mantenimientos anotados.
story-drill-parts = partes del sistema
story-drills = { $count ->
    [1] El equipo también apagó { $what } a propósito, para ensayar un mal día.
    [2] El equipo también apagó { $what } a propósito dos veces, para ensayar un mal día.
   *[other] El equipo también apagó { $what } a propósito { $count } veces, para ensayar un mal día.
}
story-drills-unnoticed = { $count ->
    [1] El equipo también apagó { $what } a propósito, para ensayar un mal día. Los clientes no lo notaron.
    [2] El equipo también apagó { $what } a propósito dos veces, para ensayar un mal día. Los clientes no lo notaron.
   *[other] El equipo también apagó { $what } a propósito { $count } veces, para ensayar un mal día. Los clientes no lo notaron.
}
story-team-drills = { $count ->
    [one] Un simulacro: { $what }.
   *[other] { $count } simulacros: { $what }.
}
story-team-drills-unnoticed = { $count ->
    [one] Un simulacro: { $what }, sin ninguna incidencia mientras duró.
   *[other] { $count } simulacros: { $what }, sin ninguna incidencia mientras duraron.
}
    .terms = incident
story-upkeep-times = { $count ->
    [1] También hicieron mantenimiento programado una vez.
    [2] También hicieron mantenimiento programado dos veces.
   *[other] También hicieron mantenimiento programado { $count } veces.
}
    .terms = maintenance
story-upkeep-times-unnoticed = { $count ->
    [1] También hicieron mantenimiento programado una vez, y nadie lo notó.
    [2] También hicieron mantenimiento programado dos veces, y nadie lo notó.
   *[other] También hicieron mantenimiento programado { $count } veces, y nadie lo notó.
}
    .terms = maintenance
story-team-upkeep-times = { $count ->
    [one] Mantenimiento programado: una vez.
   *[other] Mantenimiento programado: { $count } veces.
}
    .terms = maintenance
story-team-upkeep-times-unnoticed = { $count ->
    [one] Mantenimiento programado: una vez, sin ninguna incidencia mientras duró.
   *[other] Mantenimiento programado: { $count } veces, sin ninguna incidencia mientras duraron.
}
    .terms = maintenance, incident

## Los agradecimientos.
story-thanks = { $count ->
    [one] Los compañeros dejaron una nota de gracias para { $names }.
   *[other] Los compañeros dejaron { $count } notas de gracias para { $names }.
}

## Una incidencia, para su tarjeta en la app.
incident-summary-fixed = En { $service } hubo un problema durante { $duration }. Lo arregló { $who }.
incident-summary-fixed-nobody = En { $service } hubo un problema durante { $duration }. Ya está arreglado.
incident-summary-open = En { $service } hay un problema desde hace { $duration }. El equipo ya está en ello.

## Duraciones, redondeadas como se dicen.
duration = { $unit ->
    [none] nada de tiempo
    [under-minute] menos de un minuto
    [minutes] { $n ->
        [one] cerca de un minuto
       *[other] unos { $n } minutos
    }
    [hours] { $n ->
        [one] cerca de una hora
       *[other] unas { $n } horas
    }
    [hours-half] { $n ->
        [one] cerca de hora y media
       *[other] unas { $n } horas y media
    }
   *[days] { $n ->
        [one] cerca de un día
       *[other] unos { $n } días
    }
}
