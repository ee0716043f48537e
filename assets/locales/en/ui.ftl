## The app's own words (the UI loads this file with @fluent/bundle).
ui-app-name = Unsung
ui-team-yours = Your team
