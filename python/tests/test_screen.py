import bioflag


def test_verdicts(engine):
    names = ["BGI Genomics Co., Ltd.", "BGI Genomics Europe", "MGI", "mgi", "Qiagen", ""]
    r = engine.screen(names)
    assert [x.name for x in r] == names
    assert [x.verdict for x in r] == ["match", "contains", "review", "clear", "clear", "clear"]
    assert r[0].entity == "bgi-genomics"
    assert r[1].entity == "bgi-genomics"
    assert r[2].entity == "mgi-tech"
    assert r[0].entity_name and r[0].tier and r[0].status
    assert r[4].entity is None and r[4].entity_name is None and r[4].status is None
    assert r[0].to_dict()["verdict"] == "match"
    assert "match" in repr(r[0])


def test_screen_with_list():
    lst = '{"schema": 1, "name": "l", "entities": [{"id": "acme-bio", "name": "Acme Bio Labs"}]}'
    [r] = bioflag.Engine(lists=[lst]).screen(["ACME BIO LABS LIMITED"])
    assert (r.verdict, r.entity) == ("match", "acme-bio")


def test_screen_many(engine):
    names = ["WuXi AppTec Co., Ltd.", "Illumina"] * 300
    r = engine.screen(names)
    assert [x.verdict for x in r] == ["match", "clear"] * 300
