"""GrowthBook's published condition cases, transcribed.

Source: the `evalCondition` section of GrowthBook's SDK conformance suite,
growthbook/growthbook `packages/sdk-js/test/cases.json` (specVersion 0.5.4, the
version stored at commit 021bf498f75c8491c156184ca1b3a1fbafa1d64e), which every
GrowthBook SDK runs. Each case is [name, condition, attributes, expected].
Cases for operators ABAssign does not implement (the semantic-version operators
$veq $vne $vgt $vgte $vlt $vlte) are left out; every other case is kept as
published. The "comparing numbers and strings" and "missing attribute with
comparison operators" cases encode the JavaScript SDK's coercions.
"""

CASES = [
    ["$not - pass", {"$not": {"name": "hello"}}, {"name": "world"}, True],
    ["$not - fail", {"$not": {"name": "hello"}}, {"name": "hello"}, False],
]

_AND_OR = {"$and": [{"father.age": {"$gt": 65}}, {"$or": [{"bday": {"$regex": "-12-25$"}}, {"name": "santa"}]}]}
CASES += [
    ["$and/$or - all true", _AND_OR, {"name": "santa", "bday": "1980-12-25", "father": {"age": 70}}, True],
]


def _groups(excluded):
    return {"$and": [
        {"$groups": {"$elemMatch": {"$eq": "a"}}},
        {"$groups": {"$elemMatch": {"$eq": "b"}}},
        {"$or": [{"$groups": {"$elemMatch": {"$eq": "c"}}}, {"$groups": {"$elemMatch": {"$eq": "e"}}}]},
        {"$not": {"$groups": {"$elemMatch": {"$eq": excluded}}}},
        {"$not": {"$groups": {"$elemMatch": {"$eq": "g"}}}},
    ]}


CASES += [
    ["$groups - match", _groups("f"), {"$groups": ["a", "b", "c", "d"]}, True],
    ["$groups - no match", _groups("d"), {"$groups": ["a", "b", "c", "d"]}, False],
    ["$and/$or - first or true", _AND_OR, {"name": "santa", "bday": "1980-12-20", "father": {"age": 70}}, True],
    ["$and/$or - second or true", _AND_OR, {"name": "barbara", "bday": "1980-12-25", "father": {"age": 70}}, True],
    ["$and/$or - first and false", _AND_OR, {"name": "santa", "bday": "1980-12-25", "father": {"age": 65}}, False],
    ["$and/$or - both or false", _AND_OR, {"name": "barbara", "bday": "1980-11-25", "father": {"age": 70}}, False],
    ["$and/$or - both and false", _AND_OR, {"name": "john smith", "bday": "1956-12-20", "father": {"age": 40}}, False],
    ["$exists - false pass", {"pets.dog.name": {"$exists": False}}, {"hello": "world"}, True],
    ["$exists - false fail", {"pets.dog.name": {"$exists": False}}, {"pets": {"dog": {"name": "fido"}}}, False],
    ["$exists - true fail", {"pets.dog.name": {"$exists": True}}, {"hello": "world"}, False],
    ["$exists - true pass", {"pets.dog.name": {"$exists": True}}, {"pets": {"dog": {"name": "fido"}}}, True],
    ["equals - multiple datatypes", {"str": "str", "num": 10, "flag": False}, {"str": "str", "num": 10, "flag": False}, True],
    ["$in - pass", {"num": {"$in": [1, 2, 3]}}, {"num": 2}, True],
    ["$in - fail", {"num": {"$in": [1, 2, 3]}}, {"num": 4}, False],
    ["$in - not array", {"num": {"$in": 1}}, {"num": 1}, False],
    ["$in - array pass 1", {"tags": {"$in": ["a", "b"]}}, {"tags": ["d", "e", "a"]}, True],
    ["$in - array pass 2", {"tags": {"$in": ["a", "b"]}}, {"tags": ["d", "b", "f"]}, True],
    ["$in - array pass 3", {"tags": {"$in": ["a", "b"]}}, {"tags": ["d", "b", "a"]}, True],
    ["$in - array fail 1", {"tags": {"$in": ["a", "b"]}}, {"tags": ["d", "e", "f"]}, False],
    ["$in - array fail 2", {"tags": {"$in": ["a", "b"]}}, {"tags": []}, False],
    ["$nin - pass", {"num": {"$nin": [1, 2, 3]}}, {"num": 4}, True],
    ["$nin - fail", {"num": {"$nin": [1, 2, 3]}}, {"num": 2}, False],
    ["$nin - not array", {"num": {"$nin": 1}}, {"num": 1}, False],
    ["$nin - array fail 1", {"tags": {"$nin": ["a", "b"]}}, {"tags": ["d", "e", "a"]}, False],
    ["$nin - array fail 2", {"tags": {"$nin": ["a", "b"]}}, {"tags": ["d", "b", "f"]}, False],
    ["$nin - array fail 3", {"tags": {"$nin": ["a", "b"]}}, {"tags": ["d", "b", "a"]}, False],
    ["$nin - array pass 1", {"tags": {"$nin": ["a", "b"]}}, {"tags": ["d", "e", "f"]}, True],
    ["$nin - array pass 2", {"tags": {"$nin": ["a", "b"]}}, {"tags": []}, True],
    ["$elemMatch - pass - flat arrays", {"nums": {"$elemMatch": {"$gt": 10}}}, {"nums": [0, 5, -20, 15]}, True],
    ["$elemMatch - fail - flat arrays", {"nums": {"$elemMatch": {"$gt": 10}}}, {"nums": [0, 5, -20, 8]}, False],
    ["missing attribute - fail", {"pets.dog.name": {"$in": ["fido"]}}, {"hello": "world"}, False],
    ["missing attribute with comparison operators",
     {"age": {"$gt": -10, "$lt": 10, "$gte": -9, "$lte": 9, "$ne": 10}}, {}, True],
    ["comparing numbers and strings", {"n": {"$gt": 5, "$lt": 10}}, {"n": "8"}, True],
    ["comparing numbers and strings - v2", {"n": {"$gt": "5", "$lt": "10"}}, {"n": 8}, True],
    ["empty $or - pass", {"$or": []}, {"hello": "world"}, True],
    ["empty $and - pass", {"$and": []}, {"hello": "world"}, True],
    ["empty - pass", {}, {"hello": "world"}, True],
    ["$eq - pass", {"occupation": {"$eq": "engineer"}}, {"occupation": "engineer"}, True],
    ["$eq - fail", {"occupation": {"$eq": "engineer"}}, {"occupation": "civil engineer"}, False],
    ["$ne - pass", {"level": {"$ne": "senior"}}, {"level": "junior"}, True],
    ["$ne - fail", {"level": {"$ne": "senior"}}, {"level": "senior"}, False],
    ["$regex - pass", {"userAgent": {"$regex": "(Mobile|Tablet)"}}, {"userAgent": "Android Mobile Browser"}, True],
    ["$regex - fail", {"userAgent": {"$regex": "(Mobile|Tablet)"}}, {"userAgent": "Chrome Desktop Browser"}, False],
    ["$gt/$lt numbers - pass", {"age": {"$gt": 30, "$lt": 60}}, {"age": 50}, True],
    ["$gt/$lt numbers - fail $lt", {"age": {"$gt": 30, "$lt": 60}}, {"age": 60}, False],
    ["$gt/$lt numbers - fail $gt", {"age": {"$gt": 30, "$lt": 60}}, {"age": 30}, False],
    ["$gte/$lte numbers - pass", {"age": {"$gte": 30, "$lte": 60}}, {"age": 50}, True],
    ["$gte/$lte numbers - pass $gte", {"age": {"$gte": 30, "$lte": 60}}, {"age": 30}, True],
    ["$gte/$lte numbers - pass $lte", {"age": {"$gte": 30, "$lte": 60}}, {"age": 60}, True],
    ["$gte/$lte numbers - fail $lte", {"age": {"$gte": 30, "$lte": 60}}, {"age": 61}, False],
    ["$gte/$lte numbers - fail $gte", {"age": {"$gt": 30, "$lt": 60}}, {"age": 29}, False],
    ["$gt/$lt strings - fail $gt", {"word": {"$gt": "alphabet", "$lt": "zebra"}}, {"word": "alphabet"}, False],
    ["$gt/$lt strings - fail $lt", {"word": {"$gt": "alphabet", "$lt": "zebra"}}, {"word": "zebra"}, False],
    ["$gt/$lt strings - pass", {"word": {"$gt": "alphabet", "$lt": "zebra"}}, {"word": "always"}, True],
    ["$gt/$lt strings - fail uppercase", {"word": {"$gt": "alphabet", "$lt": "zebra"}}, {"word": "AZL"}, False],
    ["nested value is null", {"address.state": "CA"}, {"address": None}, False],
    ["nested value is integer", {"address.state": "CA"}, {"address": 123}, False],
    ["$type string - pass", {"a": {"$type": "string"}}, {"a": "a"}, True],
    ["$type string - fail", {"a": {"$type": "string"}}, {"a": 1}, False],
    ["$type null - pass", {"a": {"$type": "null"}}, {"a": None}, True],
    ["$type null - fail", {"a": {"$type": "null"}}, {"a": 1}, False],
    ["$type boolean - pass", {"a": {"$type": "boolean"}}, {"a": False}, True],
    ["$type boolean - fail", {"a": {"$type": "boolean"}}, {"a": 1}, False],
    ["$type number - pass", {"a": {"$type": "number"}}, {"a": 1}, True],
    ["$type number - fail", {"a": {"$type": "number"}}, {"a": "a"}, False],
    ["$type object - pass", {"a": {"$type": "object"}}, {"a": {"a": "b"}}, True],
    ["$type object - fail", {"a": {"$type": "object"}}, {"a": 1}, False],
    ["$type array - pass", {"a": {"$type": "array"}}, {"a": [1, 2]}, True],
    ["$type array - fail", {"a": {"$type": "array"}}, {"a": 1}, False],
    ["unknown operator - pass", {"name": {"$regx": "hello"}}, {"name": "hello"}, False],
    ["$regex invalid - pass", {"name": {"$regex": "/???***[)"}}, {"name": "hello"}, False],
    ["$regex invalid - fail", {"name": {"$regex": "/???***[)"}}, {"hello": "hello"}, False],
    ["$size empty - pass", {"tags": {"$size": 0}}, {"tags": []}, True],
    ["$size empty - fail", {"tags": {"$size": 0}}, {"tags": [10]}, False],
    ["$size number - pass", {"tags": {"$size": 3}}, {"tags": ["a", "b", "c"]}, True],
    ["$size number - fail small", {"tags": {"$size": 3}}, {"tags": ["a", "b"]}, False],
    ["$size number - fail large", {"tags": {"$size": 3}}, {"tags": ["a", "b", "c", "d"]}, False],
    ["$size number - fail not array", {"tags": {"$size": 3}}, {"tags": "abc"}, False],
    ["$size nested - pass", {"tags": {"$size": {"$gt": 2}}}, {"tags": [0, 1, 2]}, True],
    ["$size nested - fail equal", {"tags": {"$size": {"$gt": 2}}}, {"tags": [0, 1]}, False],
    ["$size nested - fail less than", {"tags": {"$size": {"$gt": 2}}}, {"tags": [0]}, False],
    ["$elemMatch contains - pass", {"tags": {"$elemMatch": {"$eq": "bar"}}}, {"tags": ["foo", "bar", "baz"]}, True],
    ["$elemMatch contains - false", {"tags": {"$elemMatch": {"$eq": "bar"}}}, {"tags": ["foo", "baz"]}, False],
    ["$elemMatch intersection - pass", {"tags": {"$elemMatch": {"$in": ["a", "b"]}}}, {"tags": ["d", "e", "b"]}, True],
    ["$elemMatch intersection - fail", {"tags": {"$elemMatch": {"$in": ["a", "b"]}}}, {"tags": ["d", "e", "f"]}, False],
    ["$elemMatch not contains - pass", {"tags": {"$not": {"$elemMatch": {"$eq": "bar"}}}}, {"tags": ["foo", "baz"]}, True],
    ["$elemMatch not contains - fail", {"tags": {"$not": {"$elemMatch": {"$eq": "bar"}}}}, {"tags": ["foo", "bar", "baz"]}, False],
    ["$elemMatch nested - pass", {"hobbies": {"$elemMatch": {"name": {"$regex": "^ping"}}}},
     {"hobbies": [{"name": "bowling"}, {"name": "pingpong"}, {"name": "tennis"}]}, True],
    ["$elemMatch nested - fail", {"hobbies": {"$elemMatch": {"name": {"$regex": "^ping"}}}},
     {"hobbies": [{"name": "bowling"}, {"name": "tennis"}]}, False],
    ["$elemMatch nested - fail not array", {"hobbies": {"$elemMatch": {"name": {"$regex": "^ping"}}}}, {"hobbies": "all"}, False],
    ["$not - pass", {"name": {"$not": {"$regex": "^hello"}}}, {"name": "world"}, True],
    ["$not - fail", {"name": {"$not": {"$regex": "^hello"}}}, {"name": "hello world"}, False],
    ["$all - pass", {"tags": {"$all": ["one", "three"]}}, {"tags": ["one", "two", "three"]}, True],
    ["$all - fail", {"tags": {"$all": ["one", "three"]}}, {"tags": ["one", "two", "four"]}, False],
    ["$all - fail not array", {"tags": {"$all": ["one", "three"]}}, {"tags": "hello"}, False],
]

_NOR = {"$nor": [{"name": "john"}, {"age": {"$lt": 30}}]}
CASES += [
    ["$nor - pass", _NOR, {"name": "jim", "age": 40}, True],
    ["$nor - fail both", _NOR, {"name": "john", "age": 20}, False],
    ["$nor - fail first", _NOR, {"name": "john", "age": 40}, False],
    ["$nor - fail second", _NOR, {"name": "jim", "age": 20}, False],
    ["equals array - pass", {"tags": ["hello", "world"]}, {"tags": ["hello", "world"]}, True],
    ["equals array - fail order", {"tags": ["hello", "world"]}, {"tags": ["world", "hello"]}, False],
    ["equals array - fail missing item", {"tags": ["hello", "world"]}, {"tags": ["hello"]}, False],
    ["equals array - fail extra item", {"tags": ["hello", "world"]}, {"tags": ["hello", "world", "foo"]}, False],
    ["equals array - fail type mismatch", {"tags": ["hello", "world"]}, {"tags": "hello world"}, False],
    ["equals object - pass", {"tags": {"hello": "world"}}, {"tags": {"hello": "world"}}, True],
    ["equals object - fail extra property", {"tags": {"hello": "world"}}, {"tags": {"hello": "world", "yes": "please"}}, False],
    ["equals object - fail missing property", {"tags": {"hello": "world"}}, {"tags": {}}, False],
    ["equals object - fail type mismatch", {"tags": {"hello": "world"}}, {"tags": "hello world"}, False],
    ["null condition - null attribute", {"userId": None}, {"userId": None}, True],
    ["null condition - missing attribute", {"userId": None}, {}, True],
    ["null condition - string attribute", {"userId": None}, {"userId": "123"}, False],
    ["null condition - zero attribute", {"userId": None}, {"userId": 0}, False],
    ["null condition - empty string attribute", {"userId": None}, {"userId": ""}, False],
]

# Cases from the later published suite (specVersion 0.7.1, growthbook/growthbook-python
# tests/cases.json) for the case-insensitive operators ABAssign also supports.
CASES += [
    ["$regexi - pass (case insensitive match)", {"userAgent": {"$regexi": "(mobile|tablet)"}}, {"userAgent": "Android Mobile Browser"}, True],
    ["$regexi - pass (uppercase pattern, lowercase value)", {"userAgent": {"$regexi": "(MOBILE|TABLET)"}}, {"userAgent": "android mobile browser"}, True],
    ["$regexi - fail", {"userAgent": {"$regexi": "(mobile|tablet)"}}, {"userAgent": "Chrome Desktop Browser"}, False],
    ["$ini - pass", {"tags": {"$ini": ["A", "B"]}}, {"tags": "a"}, True],
    ["$ini - fail", {"tags": {"$ini": ["a", "b"]}}, {"tags": "c"}, False],
    ["$ini - array pass", {"tags": {"$ini": ["A", "B"]}}, {"tags": ["d", "a"]}, True],
    ["$nini - pass", {"tags": {"$nini": ["A", "B"]}}, {"tags": "c"}, True],
    ["$nini - fail", {"tags": {"$nini": ["A", "B"]}}, {"tags": "a"}, False],
    ["$alli - pass", {"tags": {"$alli": ["A", "B"]}}, {"tags": ["a", "b", "c"]}, True],
    ["$alli - fail", {"tags": {"$alli": ["A", "B"]}}, {"tags": ["a", "c"]}, False],
    ["$ne string vs missing attribute", {"country": {"$ne": "de"}}, {}, True],
    ["$ne string vs explicit None attribute", {"country": {"$ne": "de"}}, {"country": None}, True],
]
