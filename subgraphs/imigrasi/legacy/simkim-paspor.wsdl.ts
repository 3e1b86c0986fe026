/**
 * The WSDL of SIMKIM's passport web service (PasporService), as a JAX-WS (Metro) runtime
 * would publish it: SOAP 1.1, document/literal wrapped, unqualified child elements, every
 * result wrapped in a `<return>` element.
 *
 * It ships as a TypeScript module rather than a `.wsdl` file so that `tsc` carries it into
 * `dist/` and the client never fetches it over the network (the `soap` package accepts the
 * WSDL text itself when it starts with `<?xml`). The simulator serves the same text at
 * `GET <endpoint>?wsdl` with its own address in `soap:address`.
 *
 * Legacy quirks kept on purpose (see README.md): dates are `xsd:string` in Oracle
 * `DD-MON-RR` notation (the DAO calls `ResultSet.getString` on DATE columns), the MRZ name
 * split travels as `surname` / `givenNames`, and absent values are omitted elements
 * (Oracle stores '' as NULL, JAX-WS omits nulls).
 *
 * The passport-application operations (`ajukanPermohonanPaspor`, `getPermohonanByNik`) are
 * the newer counter module of the same service: same envelope, same `<return>` wrapping,
 * same `kodeRespon` codes, business refusals as SOAP Faults with a SIMKIM code.
 */
export const SIMKIM_NAMESPACE = 'http://ws.simkim.imigrasi.go.id/';

/** The address written in the shipped WSDL; clients override it with the real endpoint. */
export const SIMKIM_WSDL_PLACEHOLDER_ADDRESS = 'http://localhost:8080/simkim-ws/PasporService';

/** The largest batch `getPasporByNikList` accepts (more is a SIMKIM-VAL-02 fault). */
export const SIMKIM_MAX_BATCH = 50;

export const SIMKIM_PASPOR_WSDL = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
             xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
             xmlns:xsd="http://www.w3.org/2001/XMLSchema"
             xmlns:tns="${SIMKIM_NAMESPACE}"
             targetNamespace="${SIMKIM_NAMESPACE}"
             name="PasporService">
  <types>
    <xsd:schema targetNamespace="${SIMKIM_NAMESPACE}" version="1.0">
      <xsd:element name="getPasporByNik" type="tns:getPasporByNik"/>
      <xsd:element name="getPasporByNikResponse" type="tns:getPasporByNikResponse"/>
      <xsd:element name="getPasporByNikList" type="tns:getPasporByNikList"/>
      <xsd:element name="getPasporByNikListResponse" type="tns:getPasporByNikListResponse"/>
      <xsd:element name="ajukanPermohonanPaspor" type="tns:ajukanPermohonanPaspor"/>
      <xsd:element name="ajukanPermohonanPasporResponse" type="tns:ajukanPermohonanPasporResponse"/>
      <xsd:element name="getPermohonanByNik" type="tns:getPermohonanByNik"/>
      <xsd:element name="getPermohonanByNikResponse" type="tns:getPermohonanByNikResponse"/>

      <xsd:complexType name="getPasporByNik">
        <xsd:sequence>
          <xsd:element name="nik" type="xsd:string" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:complexType name="getPasporByNikResponse">
        <xsd:sequence>
          <xsd:element name="return" type="tns:pasporResponse" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:complexType name="getPasporByNikList">
        <xsd:sequence>
          <xsd:element name="nik" type="xsd:string" minOccurs="0" maxOccurs="unbounded"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:complexType name="getPasporByNikListResponse">
        <xsd:sequence>
          <xsd:element name="return" type="tns:pasporResponse" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>

      <xsd:complexType name="ajukanPermohonanPaspor">
        <xsd:sequence>
          <xsd:element name="nik" type="xsd:string" minOccurs="0"/>
          <xsd:element name="jenisPaspor" type="xsd:string" minOccurs="0"/>
          <xsd:element name="kantorImigrasi" type="xsd:string" minOccurs="0"/>
          <xsd:element name="namaLengkap" type="xsd:string" minOccurs="0"/>
          <xsd:element name="tanggalLahir" type="xsd:string" minOccurs="0"/>
          <xsd:element name="tempatLahir" type="xsd:string" minOccurs="0"/>
          <xsd:element name="jenisKelamin" type="xsd:string" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:complexType name="ajukanPermohonanPasporResponse">
        <xsd:sequence>
          <xsd:element name="return" type="tns:permohonanResponse" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:complexType name="getPermohonanByNik">
        <xsd:sequence>
          <xsd:element name="nik" type="xsd:string" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:complexType name="getPermohonanByNikResponse">
        <xsd:sequence>
          <xsd:element name="return" type="tns:permohonanResponse" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>

      <xsd:complexType name="pasporResponse">
        <xsd:sequence>
          <xsd:element name="kodeRespon" type="xsd:string" minOccurs="0"/>
          <xsd:element name="pesanRespon" type="xsd:string" minOccurs="0"/>
          <xsd:element name="jumlahData" type="xsd:string" minOccurs="0"/>
          <xsd:element name="paspor" type="tns:pasporDto" minOccurs="0" maxOccurs="unbounded" nillable="true"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:complexType name="pasporDto">
        <xsd:sequence>
          <xsd:element name="nomorPaspor" type="xsd:string" minOccurs="0"/>
          <xsd:element name="nik" type="xsd:string" minOccurs="0"/>
          <xsd:element name="surname" type="xsd:string" minOccurs="0"/>
          <xsd:element name="givenNames" type="xsd:string" minOccurs="0"/>
          <xsd:element name="tanggalLahir" type="xsd:string" minOccurs="0"/>
          <xsd:element name="tempatLahir" type="xsd:string" minOccurs="0"/>
          <xsd:element name="jenisKelamin" type="xsd:string" minOccurs="0"/>
          <xsd:element name="jenisPaspor" type="xsd:string" minOccurs="0"/>
          <xsd:element name="tanggalTerbit" type="xsd:string" minOccurs="0"/>
          <xsd:element name="tanggalHabisBerlaku" type="xsd:string" minOccurs="0"/>
          <xsd:element name="kantorPenerbit" type="xsd:string" minOccurs="0"/>
          <xsd:element name="statusPaspor" type="xsd:string" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:complexType name="permohonanResponse">
        <xsd:sequence>
          <xsd:element name="kodeRespon" type="xsd:string" minOccurs="0"/>
          <xsd:element name="pesanRespon" type="xsd:string" minOccurs="0"/>
          <xsd:element name="jumlahData" type="xsd:string" minOccurs="0"/>
          <xsd:element name="permohonan" type="tns:permohonanDto" minOccurs="0" maxOccurs="unbounded" nillable="true"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:complexType name="permohonanDto">
        <xsd:sequence>
          <xsd:element name="nomorPermohonan" type="xsd:string" minOccurs="0"/>
          <xsd:element name="nik" type="xsd:string" minOccurs="0"/>
          <xsd:element name="jenisPaspor" type="xsd:string" minOccurs="0"/>
          <xsd:element name="kantorImigrasi" type="xsd:string" minOccurs="0"/>
          <xsd:element name="statusPermohonan" type="xsd:string" minOccurs="0"/>
          <xsd:element name="tanggalPermohonan" type="xsd:string" minOccurs="0"/>
          <xsd:element name="sumberIdentitas" type="xsd:string" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>
    </xsd:schema>
  </types>

  <message name="getPasporByNik">
    <part name="parameters" element="tns:getPasporByNik"/>
  </message>
  <message name="getPasporByNikResponse">
    <part name="parameters" element="tns:getPasporByNikResponse"/>
  </message>
  <message name="getPasporByNikList">
    <part name="parameters" element="tns:getPasporByNikList"/>
  </message>
  <message name="getPasporByNikListResponse">
    <part name="parameters" element="tns:getPasporByNikListResponse"/>
  </message>
  <message name="ajukanPermohonanPaspor">
    <part name="parameters" element="tns:ajukanPermohonanPaspor"/>
  </message>
  <message name="ajukanPermohonanPasporResponse">
    <part name="parameters" element="tns:ajukanPermohonanPasporResponse"/>
  </message>
  <message name="getPermohonanByNik">
    <part name="parameters" element="tns:getPermohonanByNik"/>
  </message>
  <message name="getPermohonanByNikResponse">
    <part name="parameters" element="tns:getPermohonanByNikResponse"/>
  </message>

  <portType name="PasporWebService">
    <operation name="getPasporByNik">
      <input message="tns:getPasporByNik"/>
      <output message="tns:getPasporByNikResponse"/>
    </operation>
    <operation name="getPasporByNikList">
      <input message="tns:getPasporByNikList"/>
      <output message="tns:getPasporByNikListResponse"/>
    </operation>
    <operation name="ajukanPermohonanPaspor">
      <input message="tns:ajukanPermohonanPaspor"/>
      <output message="tns:ajukanPermohonanPasporResponse"/>
    </operation>
    <operation name="getPermohonanByNik">
      <input message="tns:getPermohonanByNik"/>
      <output message="tns:getPermohonanByNikResponse"/>
    </operation>
  </portType>

  <binding name="PasporServicePortBinding" type="tns:PasporWebService">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
    <operation name="getPasporByNik">
      <soap:operation soapAction="getPasporByNik"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
    <operation name="getPasporByNikList">
      <soap:operation soapAction="getPasporByNikList"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
    <operation name="ajukanPermohonanPaspor">
      <soap:operation soapAction="ajukanPermohonanPaspor"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
    <operation name="getPermohonanByNik">
      <soap:operation soapAction="getPermohonanByNik"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
  </binding>

  <service name="PasporService">
    <port name="PasporServicePort" binding="tns:PasporServicePortBinding">
      <soap:address location="${SIMKIM_WSDL_PLACEHOLDER_ADDRESS}"/>
    </port>
  </service>
</definitions>
`;

/** The same WSDL with another endpoint in `soap:address` (what the simulator serves). */
export function simkimWsdlFor(address: string): string {
  return SIMKIM_PASPOR_WSDL.replace(SIMKIM_WSDL_PLACEHOLDER_ADDRESS, address);
}
