from django.urls import path

from . import views

app_name = "elections"
urlpatterns = [
    path("", views.election_list, name="election_list"),
    path("<slug:slug>/", views.election_detail, name="election_detail"),
    path("<slug:slug>/watchlist.json", views.watchlist_json, name="watchlist"),
    path("<slug:slug>/paslon/baru/", views.pair_create, name="pair_create"),
    path("<slug:slug>/paslon/<int:number>/ubah/", views.pair_edit, name="pair_edit"),
    path("<slug:slug>/jadwal/", views.election_schedule, name="schedule"),
    path("<slug:slug>/istilah/", views.election_terms, name="terms"),
]
