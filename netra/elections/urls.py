from django.urls import path

from . import views

app_name = "elections"
urlpatterns = [
    path("", views.election_list, name="election_list"),
    path("<slug:slug>/", views.election_detail, name="election_detail"),
    path("<slug:slug>/watchlist.json", views.watchlist_json, name="watchlist"),
]
