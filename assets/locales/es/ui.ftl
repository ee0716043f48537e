## Las palabras de la propia app (la interfaz carga este archivo con @fluent/bundle).
ui-app-name = Unsung
ui-team-yours = Tu equipo
