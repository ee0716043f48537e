## «¿Cómo se ha contado?»: una explicación llana para cada cifra que muestra la app.
## `$start` y `$end` son el horario de trabajo («09:00»), `$tz` la zona horaria de quien lee.
counted-title = ¿Cómo se ha contado?
counted-overall-uptime = Sumamos el tiempo en que cada parte funcionó y el tiempo en que no. Cuando algo iba lento, cuenta como que funcionó. El mantenimiento programado y los ratos sin noticias no cuentan ni a favor ni en contra. La cifra es la parte del tiempo en que todo funcionó. Se corta, no se redondea, para que un mal día nunca parezca perfecto.
counted-trouble-time = Todo el tiempo en que alguna parte no funcionó, sumado. Si dos partes fallaron a la vez, cuentan las dos.
counted-problems = Cada problema abierto en estas fechas cuenta una vez. No cuentan las copias del mismo aviso, las pruebas ni las falsas alarmas.
counted-typical-fix = El valor del medio de todos los arreglos: la mitad fueron más rápidos y la otra mitad tardaron más. Un arreglo cuenta desde que se abrió el problema hasta que se dio por resuelto. Los problemas aún abiertos no cuentan.
counted-after-hours = Problemas abiertos fuera del horario de trabajo. Entre semana, antes de las { $start } o después de las { $end }. En fin de semana, a cualquier hora. Cuenta la hora de { $tz }.
counted-days-since = Días enteros desde que empezó el último gran problema hasta el final de estas fechas, o hasta ahora si aún no han terminado.
counted-service-uptime = La parte del tiempo en que esto funcionó, contada igual que la cifra de todo junto.
counted-day-bar = Cada barra es un día, según la hora de { $tz }. Rojo: no funcionó durante 30 minutos o más. Naranja: no funcionó durante menos tiempo. Amarillo: fue lento. Azul: mantenimiento programado. Gris: casi sin noticias.
counted-incident-duration = Desde que se abrió el problema hasta que se dio por resuelto.
counted-thanks = Notas que escribieron los compañeros en estas fechas.
