"""The process summary and detail are written out by hand for speed; they must say exactly
what their declared fields (the ones the OpenAPI schema documents) would say."""

from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from api.representations import ProcessDetailSerializer, ProcessSummarySerializer
from negotiations.read.models import Process


def by_fields(serializer_class, process, **kw):
    serializer = serializer_class(process, **kw)
    return serializers.ModelSerializer.to_representation(serializer, process)


def test_summary_and_detail_equal_their_fields(geneva, app, editor_api):
    # A paused process with causes, a withdrawn party, month precision: every field filled.
    request = APIRequestFactory().get("/")
    for process in Process.objects.all():
        assert ProcessSummarySerializer(process).data == by_fields(
            ProcessSummarySerializer, process
        )
        context = {"request": request}
        assert ProcessDetailSerializer(process, context=context).data == by_fields(
            ProcessDetailSerializer, process, context=context
        )
    page = ProcessSummarySerializer(Process.objects.all(), many=True).data
    assert [dict(row) for row in page] == [
        by_fields(ProcessSummarySerializer, p) for p in Process.objects.all()
    ]
